{{%AUTOESCAPE context="HTML"}}
<h1>[[Statistics]]</h1>
<form method="get" action="{{PREFIX}}stats" class="filters card">
<label>[[Opened from]] <input type="date" name="from" value="{{FROM}}"></label>
<label>[[to]] <input type="date" name="to" value="{{TO}}"></label>
<button type="submit" class="button">[[Show]]</button>
</form>
<section class="card">
<h2>[[Approved by the deadline]]</h2>
<p class="lead"><b class="deadline-approvals">{{DEADLINE_APPROVALS}}</b>
[[requests were approved by the system because nobody answered in time. Aim for zero.]]</p>
</section>
<section class="card">
<h2>[[By reason]] <a href="{{PREFIX}}stats/csv?table=reasons&amp;{{PERIOD}}" class="button">CSV</a></h2>
{{#NO_REASONS}}<p class="empty">[[No cases in this period.]]</p>{{/NO_REASONS}}

{{#CHART}}
<svg class="chart" role="img" aria-label="[[Cases by reason]]" viewBox="0 0 480 {{CHART_HEIGHT}}" width="480"
 height="{{CHART_HEIGHT}}" xmlns="http://www.w3.org/2000/svg">
{{#BAR}}<rect x="170" y="{{Y}}" width="{{W}}" height="18" fill="#2f6f8f"></rect>
<text x="164" y="{{TY}}" text-anchor="end" font-size="12">{{LABEL}}</text>
<text x="{{W}}" dx="176" y="{{TY}}" font-size="12">{{CASES}}</text>{{/BAR}}
</svg>
{{/CHART}}
<table class="queue stats-reasons">
<thead><tr><th scope="col">[[Reason]]</th><th scope="col" class="num">[[Cases]]</th>
<th scope="col" class="num">[[Refunded]]</th><th scope="col" class="num">[[Amount refunded]]</th></tr></thead>
<tbody>
{{#REASON}}<tr data-reason="{{CODE}}"><td>{{LABEL}}</td><td class="num">{{CASES}}</td>
<td class="num">{{REFUNDED}}</td><td class="num">{{AMOUNT}}</td></tr>{{/REASON}}
</tbody>
</table>
</section>
<section class="card">
<h2>[[By product]] <a href="{{PREFIX}}stats/csv?table=skus&amp;{{PERIOD}}" class="button">CSV</a></h2>
{{#NO_SKUS}}<p class="empty">[[No products sold or asked about in this period.]]</p>{{/NO_SKUS}}
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
</section>
<section class="card">
<h2>[[Compensation given]] <a href="{{PREFIX}}stats/csv?table=comps&amp;{{PERIOD}}" class="button">CSV</a></h2>
{{#NO_COMPS}}<p class="empty">[[No compensation offered in this period.]]</p>{{/NO_COMPS}}
<table class="queue stats-comps">
<thead><tr><th scope="col">[[Kind]]</th><th scope="col" class="num">[[Offered]]</th>
<th scope="col" class="num">[[Accepted]]</th><th scope="col" class="num">[[Value accepted]]</th></tr></thead>
<tbody>
{{#COMP}}<tr data-kind="{{KIND}}"><td>{{KIND}}</td><td class="num">{{OFFERED}}</td>
<td class="num">{{ACCEPTED}}</td><td class="num">{{AMOUNT}}</td></tr>{{/COMP}}
</tbody>
</table>
</section>
