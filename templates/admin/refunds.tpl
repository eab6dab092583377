{{%AUTOESCAPE context="HTML"}}
<h1>[[Refund ledger]]</h1>
<p class="lead">
[[Every refund execution, failing and pending ones first. A failing refund is retried with the same key until the payment system accepts it.]]
</p>
{{#EMPTY}}
<p class="empty card">[[No refund has been decided yet.]]</p>
{{/EMPTY}}
{{#HAS_REFUNDS}}
<table class="queue">
<thead>
<tr>
<th scope="col">[[Case]]</th>
<th scope="col" class="num">[[Amount]]</th>
<th scope="col">[[State]]</th>
<th scope="col" class="num">[[Attempts]]</th>
<th scope="col">[[Decided]]</th>
<th scope="col">[[Paid]]</th>
<th scope="col">[[Last error]]</th>
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
</tr>
{{/REFUND}}
</tbody>
</table>
{{/HAS_REFUNDS}}
