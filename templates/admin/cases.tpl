{{%AUTOESCAPE context="HTML"}}
<h1>[[Escalated cases]]</h1>
<p class="lead">[[Buyers asked the platform to step in after a refusal. Rule on each before its deadline.]]</p>
<p class="muted">[[Soonest deadline first, so those past it lead; 50 a page.]]</p>
<p><a href="{{PREFIX}}search">[[Find any case]]</a></p>
{{#EMPTY}}
<p class="empty card">[[No case is waiting for a ruling.]]</p>
{{/EMPTY}}
{{#HAS_CASES}}
<table class="queue escalations">
<thead>
<tr>
<th scope="col">[[Case]]</th>
<th scope="col">[[Buyer]]</th>
<th scope="col">[[Shop]]</th>
<th scope="col" class="num">[[Amount]]</th>
<th scope="col">[[Waiting]]</th>
<th scope="col">[[Rule by]]</th>
</tr>
</thead>
<tbody>
{{#CASE}}
<tr class="{{#OVERDUE}}overdue{{/OVERDUE}}">
<td data-label="[[Case]]">
<a href="{{PREFIX}}case/{{ID}}">{{RMA_NO}}</a> <small class="sku">{{ORDER_NO}} · {{TYPE}}</small>
</td>
<td data-label="[[Buyer]]">{{BUYER}}</td>
<td data-label="[[Shop]]">{{SHOP}}</td>
<td class="num" data-label="[[Amount]]">{{CURRENCY}} {{AMOUNT}}</td>
<td data-label="[[Waiting]]">{{#AGE}}{{TEXT}}{{/AGE}}</td>
<td data-label="[[Rule by]]">{{DEADLINE}}{{#OVERDUE}} <span class="badge overdue">[[overdue]]</span>{{/OVERDUE}}</td>
</tr>
{{/CASE}}
</tbody>
</table>
{{/HAS_CASES}}
<nav class="pager">
{{#FIRST_PAGE}}<a href="{{PREFIX}}cases" class="button">[[First page]]</a>{{/FIRST_PAGE}}
{{#NEXT_PAGE}}<a href="{{PREFIX}}cases?after={{AFTER}}" class="button" rel="next">[[Next page]]</a>{{/NEXT_PAGE}}
</nav>
