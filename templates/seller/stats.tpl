{{%AUTOESCAPE context="HTML"}}
<h1>[[Statistics]]</h1>
<form method="get" action="{{PREFIX}}stats" class="filters card">
<label>[[Opened from]] <input type="date" name="from" value="{{FROM}}"></label>
<label>[[to]] <input type="date" name="to" value="{{TO}}"></label>
<label>[[Over time]] <select name="by">
<option value="day"{{#BY_DAY}} selected{{/BY_DAY}}>[[by day]]</option>
<option value="week"{{#BY_WEEK}} selected{{/BY_WEEK}}>[[by week]]</option>
</select></label>
<button type="submit" class="button">[[Show]]</button>
</form>
<section class="card">
<h2>[[In this period]] <a href="{{PREFIX}}stats/csv?table=summary&amp;{{PERIOD}}" class="button">CSV</a></h2>
<dl class="facts stats-summary">
<dt>[[Cases opened]]</dt><dd class="total-cases">{{TOTAL_CASES}}</dd>
<dt>[[Refunded]]</dt><dd class="total-refunded">{{TOTAL_REFUNDED}}</dd>
<dt>[[Amount refunded]]</dt><dd class="total-refunded-cents">{{TOTAL_REFUNDED_CENTS}}</dd>
<dt>[[Compensation given]]</dt><dd class="total-comp">{{TOTAL_COMP_CENTS}}</dd>
<dt>[[Refund rate]]</dt><dd class="shop-rate">{{SHOP_RATE}} <small>([[lines in cases per line sold:]]
{{LINES_CASED}} / {{LINES_SOLD}})</small></dd>
<dt>[[Median time to the first answer]]</dt>
<dd class="median-answer" data-secs="{{MEDIAN_ANSWER_SECS}}">{{MEDIAN_ANSWER}}
<small>([[cases answered:]] {{ANSWERED}})</small></dd>
<dt>[[Median time to close]]</dt>
<dd class="median-close" data-secs="{{MEDIAN_CLOSE_SECS}}">{{MEDIAN_CLOSE}}
<small>([[cases finished:]] {{CLOSED}})</small></dd>
<dt>[[Escalated to the platform]]</dt><dd class="total-escalated">{{TOTAL_ESCALATED}}</dd>
<dt>[[Fast refunds]]</dt><dd class="total-fast">{{TOTAL_FAST}}</dd>
</dl>
</section>
<section class="card">
<h2>[[Approved by the deadline]]</h2>
<p class="lead"><b class="deadline-approvals">{{DEADLINE_APPROVALS}}</b>
[[requests were approved by the system because nobody answered in time. Aim for zero.]]</p>
</section>
<section class="card">
<h2>[[Over time]] <a href="{{PREFIX}}stats/csv?table=time&amp;{{PERIOD}}" class="button">CSV</a></h2>
{{#NO_TIME}}<p class="empty">[[No orders or cases in this period.]]</p>{{/NO_TIME}}
{{#TIME_CHART}}
<svg class="chart chart-time" role="img" aria-label="[[Cases opened and refunded over time]]"
 viewBox="0 0 {{WIDTH}} 190" width="{{WIDTH}}" height="190" xmlns="http://www.w3.org/2000/svg">
<line x1="38" y1="160" x2="{{WIDTH}}" y2="160" stroke="#888"></line>
<text x="34" y="16" text-anchor="end" font-size="11">{{TOP}}</text>
<text x="34" y="160" text-anchor="end" font-size="11">0</text>
{{#COL}}<g><title>{{TITLE}}</title><rect x="{{X}}" y="{{Y}}" width="{{W}}" height="{{H}}" fill="#9cc3d5"></rect>
<rect x="{{X}}" y="{{RY}}" width="{{W}}" height="{{RH}}" fill="#2f6f8f"></rect></g>
{{/COL}}
{{#XLABEL}}<text x="{{X}}" y="178" text-anchor="{{ANCHOR}}" font-size="11">{{TEXT}}</text>{{/XLABEL}}
</svg>
<p class="legend"><span class="key key-cases" aria-hidden="true">■</span> [[cases opened]]
<span class="key key-refunded" aria-hidden="true">■</span> [[of them refunded]]</p>
{{/TIME_CHART}}
{{#TIME_TABLE}}
<table class="queue stats-time">
<thead><tr><th scope="col">{{#BY_DAY}}[[Day]]{{/BY_DAY}}{{#BY_WEEK}}[[Week from]]{{/BY_WEEK}}</th>
<th scope="col" class="num">[[Orders paid]]</th><th scope="col" class="num">[[Cases]]</th>
<th scope="col" class="num">[[Refunded]]</th><th scope="col" class="num">[[Cases per order]]</th>
<th scope="col" class="num">[[Amount refunded]]</th></tr></thead>
<tbody>
{{#BUCKET}}<tr data-day="{{DAY}}"><td>{{DAY}}</td><td class="num">{{ORDERS}}</td><td class="num">{{CASES}}</td>
<td class="num">{{REFUNDED}}</td><td class="num">{{RATE}}</td><td class="num">{{AMOUNT}}</td></tr>
{{/BUCKET}}
</tbody>
</table>
{{/TIME_TABLE}}
</section>
<section class="card">
<h2>[[By reason]] <a href="{{PREFIX}}stats/csv?table=reasons&amp;{{PERIOD}}" class="button">CSV</a></h2>
{{#NO_REASONS}}<p class="empty">[[No cases in this period.]]</p>{{/NO_REASONS}}

{{#CHART}}
<svg class="chart" role="img" aria-label="[[Cases by reason]]" viewBox="0 0 580 {{CHART_HEIGHT}}" width="580"
 height="{{CHART_HEIGHT}}" xmlns="http://www.w3.org/2000/svg">
{{#BAR}}<rect x="230" y="{{Y}}" width="{{W}}" height="18" fill="#2f6f8f"></rect>
<text x="224" y="{{TY}}" text-anchor="end" font-size="12">{{LABEL}}</text>
<text x="{{W}}" dx="236" y="{{TY}}" font-size="12">{{CASES}}</text>{{/BAR}}
</svg>
{{/CHART}}
{{#REASON_TABLE}}
<table class="queue stats-reasons">
<thead><tr><th scope="col">[[Reason]]</th><th scope="col" class="num">[[Cases]]</th>
<th scope="col" class="num">[[Refunded]]</th><th scope="col" class="num">[[Amount refunded]]</th>
<th scope="col" class="num">[[Share of cases]]</th><th scope="col" class="num">[[Refunded of them]]</th></tr></thead>
<tbody>
{{#REASON}}<tr data-reason="{{CODE}}"><td>{{LABEL}}</td><td class="num">{{CASES}}</td>
<td class="num">{{REFUNDED}}</td><td class="num">{{AMOUNT}}</td><td class="num">{{SHARE}}</td>
<td class="num">{{RATE}}</td></tr>{{/REASON}}
</tbody>
</table>
{{/REASON_TABLE}}
</section>
<section class="card">
<h2>[[Products that stand out]] <a href="{{PREFIX}}stats/csv?table=outliers&amp;{{PERIOD}}" class="button">CSV</a></h2>
<p class="muted">[[At least 3 lines in cases and a refund rate at least twice the shop's.]]</p>
{{#NO_STANDOUT}}<p class="empty">[[No product stands out in this period.]]</p>{{/NO_STANDOUT}}
{{#STANDOUTS}}
<ul class="standouts">
{{#STANDOUT}}<li data-sku="{{SKU}}"><b>{{SKU}}</b> {{TITLE}}: {{CASED}} · {{RATE}}</li>{{/STANDOUT}}
</ul>
{{/STANDOUTS}}
</section>
<section class="card">
<h2>[[By product]] <a href="{{PREFIX}}stats/csv?table=skus&amp;{{PERIOD}}" class="button">CSV</a></h2>
{{#NO_SKUS}}<p class="empty">[[No products sold or asked about in this period.]]</p>{{/NO_SKUS}}
{{#SKU_TABLE}}
<table class="queue stats-skus">
<thead><tr><th scope="col">SKU</th><th scope="col">[[Item]]</th><th scope="col" class="num">[[Lines sold]]</th>
<th scope="col" class="num">[[Lines in cases]]</th><th scope="col" class="num">[[Refund rate]]</th>
<th scope="col" class="num">[[Amount refunded]]</th></tr></thead>
<tbody>
{{#SKU}}<tr data-sku="{{SKU}}"{{#OUTLIER}} class="outlier"{{/OUTLIER}}><td>{{SKU}}</td><td>{{TITLE}}
{{#OUTLIER}}<b class="overdue">[[stands out]]</b>{{/OUTLIER}}</td>
<td class="num">{{SOLD}}</td><td class="num">{{CASED}}</td><td class="num">{{RATE}}</td>
<td class="num">{{AMOUNT}}</td></tr>{{/SKU}}
</tbody>
</table>
{{#SKUS_MORE}}<p class="muted">{{TEXT}}</p>{{/SKUS_MORE}}
{{/SKU_TABLE}}
</section>
<section class="card">
<h2>[[Escalations and their outcomes]] <a href="{{PREFIX}}stats/csv?table=escalations&amp;{{PERIOD}}"
 class="button">CSV</a></h2>
{{#NO_RULINGS}}<p class="empty">[[No case was escalated in this period.]]</p>{{/NO_RULINGS}}
{{#RULING_TABLE}}
<table class="queue stats-escalations">
<thead><tr><th scope="col">[[Outcome]]</th><th scope="col" class="num">[[Cases]]</th>
<th scope="col" class="num">[[Amount refunded]]</th></tr></thead>
<tbody>
{{#RULING}}<tr data-ruling="{{CODE}}"><td>{{LABEL}}</td><td class="num">{{CASES}}</td>
<td class="num">{{AMOUNT}}</td></tr>{{/RULING}}
</tbody>
</table>
{{/RULING_TABLE}}
</section>
<section class="card">
<h2>[[Compensation given]] <a href="{{PREFIX}}stats/csv?table=comps&amp;{{PERIOD}}" class="button">CSV</a></h2>
{{#NO_COMPS}}<p class="empty">[[No compensation offered in this period.]]</p>{{/NO_COMPS}}
{{#COMP_TABLE}}
<table class="queue stats-comps">
<thead><tr><th scope="col">[[Kind]]</th><th scope="col" class="num">[[Offered]]</th>
<th scope="col" class="num">[[Accepted]]</th><th scope="col" class="num">[[Value accepted]]</th></tr></thead>
<tbody>
{{#COMP}}<tr data-kind="{{KIND}}"><td>{{KIND}}</td><td class="num">{{OFFERED}}</td>
<td class="num">{{ACCEPTED}}</td><td class="num">{{AMOUNT}}</td></tr>{{/COMP}}
</tbody>
</table>
{{/COMP_TABLE}}
</section>
