{{%AUTOESCAPE context="HTML"}}
<h1>[[Escalated cases]]</h1>
<p class="lead">[[Buyers asked the platform to step in after a refusal. Rule on each before its deadline.]]</p>
{{#EMPTY}}<p class="empty card">[[No case is waiting for a ruling.]]</p>{{/EMPTY}}
{{#HAS_CASES}}<table class="queue">
<thead><tr><th scope="col">[[Case]]</th><th scope="col">[[Order]]</th><th scope="col">[[Buyer]]</th><th scope="col">[[Type]]</th><th scope="col" class="num">[[Amount]]</th><th scope="col">[[Rule by]]</th></tr></thead>
<tbody>
{{#CASE}}<tr><td data-label="[[Case]]"><a href="{{PREFIX}}case/{{ID}}">{{RMA_NO}}</a></td><td data-label="[[Order]]">{{ORDER_NO}}</td><td data-label="[[Buyer]]">{{WHO}}</td><td data-label="[[Type]]">{{TYPE}}</td><td class="num" data-label="[[Amount]]">{{CURRENCY}} {{AMOUNT}}</td><td data-label="[[Rule by]]">{{DEADLINE}}{{#OVERDUE}} <b class="overdue">[[overdue]]</b>{{/OVERDUE}}</td></tr>
{{/CASE}}</tbody>
</table>{{/HAS_CASES}}
