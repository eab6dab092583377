{{%AUTOESCAPE context="HTML"}}
<h1>[[Case queue]] <small>{{SHOP_NAME}}</small></h1>
<p class="lead">[[Open cases of your shop, soonest deadline first. A request you do not answer in time is approved automatically.]]</p>
{{#EMPTY}}<p class="empty card">[[No open cases. New refund, return and exchange requests appear here.]]</p>{{/EMPTY}}
{{#HAS_CASES}}<table class="queue">
<thead><tr><th scope="col">[[Case]]</th><th scope="col">[[Order]]</th><th scope="col">[[Buyer]]</th><th scope="col">[[Type]]</th><th scope="col">[[State]]</th><th scope="col" class="num">[[Amount]]</th><th scope="col">[[Deadline]]</th></tr></thead>
<tbody>
{{#CASE}}<tr><td data-label="[[Case]]"><a href="{{PREFIX}}case/{{ID}}">{{RMA_NO}}</a></td><td data-label="[[Order]]">{{ORDER_NO}}</td><td data-label="[[Buyer]]">{{WHO}}</td><td data-label="[[Type]]">{{TYPE}}</td><td data-label="[[State]]"><span class="badge state-{{STATE_KEY}}">{{STATE}}</span>{{#YOUR_MOVE}} <b class="your-move">[[Your move]]</b>{{/YOUR_MOVE}}{{#WAITING}} <small class="muted">[[waiting for]] {{WHO}}</small>{{/WAITING}}</td><td class="num" data-label="[[Amount]]">{{CURRENCY}} {{AMOUNT}}</td><td data-label="[[Deadline]]">{{DEADLINE}}{{#OVERDUE}} <b class="overdue">[[overdue]]</b>{{/OVERDUE}}</td></tr>
{{/CASE}}</tbody>
</table>{{/HAS_CASES}}
