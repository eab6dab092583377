{{%AUTOESCAPE context="HTML"}}
<h1>[[Refund ledger]]</h1>
<p class="lead">
[[Every refund execution, newest first, 50 a page; the tab Needs attention shows the given-up and failing ones. A failing refund is retried with the same key until the payment system accepts it.]]
</p>
<section class="card">
<h2>[[Totals]]</h2>
{{#TOTALS_AS_OF}}<p class="muted as-of">{{TEXT}}</p>{{/TOTALS_AS_OF}}
{{#NO_TOTALS}}
<p class="muted">[[No refund has been decided yet.]]</p>
{{/NO_TOTALS}}
{{#HAS_TOTALS}}
<table class="queue totals">
<thead>
<tr>
<th scope="col">[[State]]</th>
<th scope="col" class="num">[[Executions]]</th>
<th scope="col" class="num">[[Amount]]</th>
</tr>
</thead>
<tbody>
{{#TOTAL}}
<tr class="total-{{STATUS_KEY}}">
<td data-label="[[State]]"><span class="badge refund-{{STATUS_KEY}}">{{STATUS}}</span></td>
<td class="num" data-label="[[Executions]]">{{COUNT}}</td>
<td class="num" data-label="[[Amount]]">{{CURRENCY}} {{AMOUNT}}</td>
</tr>
{{/TOTAL}}
</tbody>
</table>
{{/HAS_TOTALS}}
</section>
<nav class="tabs" aria-label="[[Refund ledger]]">
<ul>
{{#VIEW}}
<li><a href="{{PREFIX}}refunds?view={{NAME}}" class="view-{{NAME}}"
{{#CURRENT}} aria-current="page"{{/CURRENT}}>{{WORDS}}</a></li>
{{/VIEW}}
</ul>
</nav>
{{#EMPTY}}
<p class="empty card">[[No refund on this page.]]</p>
{{/EMPTY}}
{{#HAS_REFUNDS}}
<table class="queue ledger">
<thead>
<tr>
<th scope="col">[[Case]]</th>
<th scope="col" class="num">[[Amount]]</th>
<th scope="col">[[State]]</th>
<th scope="col" class="num">[[Attempts]]</th>
<th scope="col">[[Decided]]</th>
<th scope="col">[[Paid]]</th>
<th scope="col">[[Last error]]</th>
<th scope="col">[[Action]]</th>
</tr>
</thead>
<tbody>
{{#REFUND}}
<tr>
<td data-label="[[Case]]">
<a href="{{PREFIX}}case/{{CASE}}">{{RMA_NO}}</a>
<small class="sku">{{EXECUTOR}} · {{KEY}}</small>
</td>
<td class="num" data-label="[[Amount]]">{{CURRENCY}} {{AMOUNT}}</td>
<td data-label="[[State]]">
<span class="badge refund-{{STATUS_KEY}}">{{STATUS}}</span>
{{#NEXT}}
<small class="muted">{{TEXT}}</small>
{{/NEXT}}
</td>
<td class="num" data-label="[[Attempts]]">{{ATTEMPTS}}</td>
<td data-label="[[Decided]]">{{CREATED}}</td>
<td data-label="[[Paid]]">{{SETTLED}}</td>
<td data-label="[[Last error]]">{{ERROR}}</td>
<td data-label="[[Action]]">
{{#FAILED}}
<form method="post" action="{{PREFIX}}refunds/{{ID}}/retry" class="inline">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit" class="button">[[Retry with the same key]]</button>
</form>
<form method="post" action="{{PREFIX}}refunds/{{ID}}/paid" class="inline">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="token" value="{{TOKEN}}">
<label for="ref-{{ID}}">[[Paid by hand, reference]]</label>
<input type="text" id="ref-{{ID}}" name="reference" maxlength="128" required>
<button type="submit" class="button">[[Give up and record the payment]]</button>
</form>
{{/FAILED}}
</td>
</tr>
{{/REFUND}}
</tbody>
</table>
{{/HAS_REFUNDS}}
<nav class="pager">
{{#FIRST_PAGE}}<a href="{{PREFIX}}refunds?{{QUERY}}" class="button">[[First page]]</a>{{/FIRST_PAGE}}
{{#NEXT_PAGE}}<a href="{{PREFIX}}refunds?{{QUERY}}" class="button" rel="next">[[Next page]]</a>{{/NEXT_PAGE}}
</nav>
<section class="card">
<h2>[[Reconciliation]]</h2>
{{#RECONCILE_AS_OF}}<p class="muted as-of">{{TEXT}}</p>{{/RECONCILE_AS_OF}}
{{#RECONCILED}}
<p class="ok reconciled">
[[Everything reconciles: no line refunded above what was paid, no case with two successful refunds, no paid refund without a reference.]]
</p>
{{/RECONCILED}}
{{#UNRECONCILED}}
<table class="queue reconcile">
<thead>
<tr>
<th scope="col">[[Problem]]</th>
<th scope="col" class="num">[[Id]]</th>
<th scope="col" class="num">[[Value]]</th>
</tr>
</thead>
<tbody>
{{#PROBLEM}}
<tr>
<td data-label="[[Problem]]">{{TEXT}}</td>
<td class="num" data-label="[[Id]]">{{ID}}</td>
<td class="num" data-label="[[Value]]">{{VALUE}}</td>
</tr>
{{/PROBLEM}}
</tbody>
</table>
{{/UNRECONCILED}}
</section>
