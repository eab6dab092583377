{{%AUTOESCAPE context="HTML"}}
<h1>[[Analytics]]</h1>
<p class="lead">[[Where refunds come from, across the whole platform. Every table can be downloaded as CSV.]]</p>
<p class="muted as-of">[[The worker counts these figures every ten minutes:]] {{AS_OF}}</p>
<section class="card" id="stats-times">
<p>[[Median time from request to close:]] <b class="median">{{MEDIAN_CLOSE}}</b>
<small>([[closed cases]]: <span class="closed-count">{{CLOSED}}</span>)</small></p>
<p>[[Median time from request to the first answer:]] <b class="median-decide">{{MEDIAN_DECIDE}}</b>
<small>([[answered cases]]: <span class="decided-count">{{DECIDED}}</span>)</small></p>
<p>[[Fast-refund share:]] <b class="fast-share">{{FAST_SHARE}}%</b>
<small>({{FAST}} / {{ALL}})</small></p>
<p class="muted">[[Figures as of the worker's last pass.]] <a href="{{PREFIX}}analytics.csv?table=times">CSV</a></p>
</section>
{{#SHOPS}}
<section class="card stats" id="stats-shops">
<h2>[[Refund rate by shop]] <a href="{{PREFIX}}analytics.csv?table={{CSV}}">CSV</a></h2>
<p class="muted">[[By name, 50 shops a page; the CSV has them all.]]</p>
<svg class="chart" width="560" height="{{HEIGHT}}" role="img" aria-label="[[Refunded cases per 100 orders, by shop]]">
{{#ROW}}
<text x="0" y="{{TY}}" font-size="12">{{KEY}}</text>
<rect x="150" y="{{Y}}" width="{{W}}" height="18" fill="#2f6f9f"></rect>
<text x="{{TX}}" y="{{TY}}" font-size="12" dx="150">{{RATE}}%</text>
{{/ROW}}
</svg>
<table class="queue">
<thead>
<tr>
<th scope="col">[[Shop]]</th>
<th scope="col" class="num">[[Orders]]</th>
<th scope="col" class="num">[[Cases]]</th>
<th scope="col" class="num">[[Refunded]]</th>
<th scope="col" class="num">[[Refund rate]]</th>
<th scope="col" class="num">[[Amount refunded]]</th>
</tr>
</thead>
<tbody>
{{#ROW}}
<tr>
<td data-label="[[Shop]]">{{KEY}}</td>
<td class="num" data-label="[[Orders]]">{{ORDERS}}</td>
<td class="num" data-label="[[Cases]]">{{CASES}}</td>
<td class="num" data-label="[[Refunded]]">{{REFUNDED}}</td>
<td class="num" data-label="[[Refund rate]]">{{RATE}}%</td>
<td class="num" data-label="[[Amount refunded]]">{{KEY2}} {{AMOUNT}}</td>
</tr>
{{/ROW}}
</tbody>
</table>
</section>
{{/SHOPS}}
<nav class="pager">
{{#SHOPS_FIRST}}<a href="{{PREFIX}}analytics#stats-shops" class="button">[[First page]]</a>{{/SHOPS_FIRST}}
{{#SHOPS_NEXT}}
<a href="{{PREFIX}}analytics?shops_after={{AFTER}}#stats-shops" class="button" rel="next">[[Next page]]</a>
{{/SHOPS_NEXT}}
</nav>
{{#REASONS}}
<section class="card stats" id="stats-reasons">
<h2>[[Cases by reason]] <a href="{{PREFIX}}analytics.csv?table={{CSV}}">CSV</a></h2>
<svg class="chart" width="560" height="{{HEIGHT}}" role="img" aria-label="[[Cases by reason]]">
{{#ROW}}
<text x="0" y="{{TY}}" font-size="12">{{KEY}}</text>
<rect x="150" y="{{Y}}" width="{{W}}" height="18" fill="#2f6f9f"></rect>
<text x="{{TX}}" y="{{TY}}" font-size="12" dx="150">{{CASES}}</text>
{{/ROW}}
</svg>
<table class="queue">
<thead>
<tr>
<th scope="col">[[Reason]]</th>
<th scope="col" class="num">[[Cases]]</th>
<th scope="col" class="num">[[Refunded]]</th>
<th scope="col" class="num">[[Amount refunded]]</th>
</tr>
</thead>
<tbody>
{{#ROW}}
<tr>
<td data-label="[[Reason]]">{{KEY}}</td>
<td class="num" data-label="[[Cases]]">{{CASES}}</td>
<td class="num" data-label="[[Refunded]]">{{REFUNDED}}</td>
<td class="num" data-label="[[Amount refunded]]">{{KEY2}} {{AMOUNT}}</td>
</tr>
{{/ROW}}
</tbody>
</table>
</section>
{{/REASONS}}
{{#MONTHS}}
<section class="card stats" id="stats-months">
<h2>[[Refunds by month]] <a href="{{PREFIX}}analytics.csv?table={{CSV}}">CSV</a></h2>
<svg class="chart" width="560" height="{{HEIGHT}}" role="img" aria-label="[[Amount refunded by month]]">
{{#ROW}}
<text x="0" y="{{TY}}" font-size="12">{{KEY}}</text>
<rect x="150" y="{{Y}}" width="{{W}}" height="18" fill="#2f6f9f"></rect>
<text x="{{TX}}" y="{{TY}}" font-size="12" dx="150">{{AMOUNT}}</text>
{{/ROW}}
</svg>
<svg class="chart rate-over-time" width="560" height="{{HEIGHT}}" role="img"
 aria-label="[[Refund rate by month: refunded cases per 100 cases opened]]">
{{#ROW}}
<text x="0" y="{{TY}}" font-size="12">{{KEY}}</text>
<rect x="150" y="{{Y}}" width="{{RW}}" height="18" fill="#8a5a00"></rect>
<text x="{{RTX}}" y="{{TY}}" font-size="12" dx="150">{{CASE_RATE}}%</text>
{{/ROW}}
</svg>
<table class="queue">
<thead>
<tr>
<th scope="col">[[Month]]</th>
<th scope="col" class="num">[[Cases]]</th>
<th scope="col" class="num">[[Refunded]]</th>
<th scope="col" class="num">[[Refund rate]]</th>
<th scope="col" class="num">[[Amount refunded]]</th>
</tr>
</thead>
<tbody>
{{#ROW}}
<tr>
<td data-label="[[Month]]">{{KEY}}</td>
<td class="num" data-label="[[Cases]]">{{CASES}}</td>
<td class="num" data-label="[[Refunded]]">{{REFUNDED}}</td>
<td class="num" data-label="[[Refund rate]]">{{CASE_RATE}}%</td>
<td class="num" data-label="[[Amount refunded]]">{{KEY2}} {{AMOUNT}}</td>
</tr>
{{/ROW}}
</tbody>
</table>
</section>
{{/MONTHS}}
{{#OUTCOMES}}
<section class="card stats" id="stats-outcomes">
<h2>
[[How fast refunds and escalations ended, and what deadlines did]]
<a href="{{PREFIX}}analytics.csv?table={{CSV}}">CSV</a>
</h2>
<table class="queue">
<thead>
<tr>
<th scope="col">[[Cases]]</th>
<th scope="col">[[State]]</th>
<th scope="col" class="num">[[Count]]</th>
<th scope="col" class="num">[[Amount refunded]]</th>
</tr>
</thead>
<tbody>
{{#ROW}}
<tr>
<td data-label="[[Cases]]">{{KEY}}</td>
<td data-label="[[State]]">{{KEY2}}</td>
<td class="num" data-label="[[Count]]">{{CASES}}</td>
<td class="num" data-label="[[Amount refunded]]">{{AMOUNT}}</td>
</tr>
{{/ROW}}
</tbody>
</table>
</section>
{{/OUTCOMES}}
{{#SKUS}}
<section class="card stats" id="stats-skus">
<h2>[[Cases by product]] <a href="{{PREFIX}}analytics.csv?table={{CSV}}">CSV</a></h2>
<p class="muted">[[The 50 products with the most cases; a case counts under its first item.]]</p>
<svg class="chart" width="560" height="{{HEIGHT}}" role="img" aria-label="[[Cases by product]]">
{{#ROW}}
<text x="0" y="{{TY}}" font-size="12">{{KEY}}</text>
<rect x="150" y="{{Y}}" width="{{W}}" height="18" fill="#2f6f9f"></rect>
<text x="{{TX}}" y="{{TY}}" font-size="12" dx="150">{{CASES}}</text>
{{/ROW}}
</svg>
<table class="queue">
<thead>
<tr>
<th scope="col">[[SKU]]</th>
<th scope="col" class="num">[[Cases]]</th>
<th scope="col" class="num">[[Refunded]]</th>
<th scope="col" class="num">[[Refund rate]]</th>
<th scope="col" class="num">[[Amount refunded]]</th>
</tr>
</thead>
<tbody>
{{#ROW}}
<tr>
<td data-label="[[SKU]]">{{KEY}}</td>
<td class="num" data-label="[[Cases]]">{{CASES}}</td>
<td class="num" data-label="[[Refunded]]">{{REFUNDED}}</td>
<td class="num" data-label="[[Refund rate]]">{{CASE_RATE}}%</td>
<td class="num" data-label="[[Amount refunded]]">{{KEY2}} {{AMOUNT}}</td>
</tr>
{{/ROW}}
</tbody>
</table>
</section>
{{/SKUS}}
{{#COMP}}
<section class="card stats" id="stats-compensation">
<h2>[[Compensation given, by month]] <a href="{{PREFIX}}analytics.csv?table={{CSV}}">CSV</a></h2>
<svg class="chart" width="560" height="{{HEIGHT}}" role="img" aria-label="[[Value of compensation given by month]]">
{{#ROW}}
<text x="0" y="{{TY}}" font-size="12">{{KEY}}</text>
<rect x="150" y="{{Y}}" width="{{W}}" height="18" fill="#2f6f9f"></rect>
<text x="{{TX}}" y="{{TY}}" font-size="12" dx="150">{{COMP_AMOUNT}}</text>
{{/ROW}}
</svg>
<table class="queue">
<thead>
<tr>
<th scope="col">[[Month]]</th>
<th scope="col" class="num">[[Cases]]</th>
<th scope="col" class="num">[[Compensations]]</th>
<th scope="col" class="num">[[Value]]</th>
</tr>
</thead>
<tbody>
{{#ROW}}
<tr>
<td data-label="[[Month]]">{{KEY}}</td>
<td class="num" data-label="[[Cases]]">{{CASES}}</td>
<td class="num" data-label="[[Compensations]]">{{COMP_GIVEN}}</td>
<td class="num" data-label="[[Value]]">{{KEY2}} {{COMP_AMOUNT}}</td>
</tr>
{{/ROW}}
</tbody>
</table>
</section>
{{/COMP}}
