{{%AUTOESCAPE context="HTML"}}
<table class="queue">
<thead>
<tr>
<th scope="col">[[Case]]</th>
{{#SHOW_BUYER}}
<th scope="col">[[Order]]</th>
<th scope="col">[[Buyer]]</th>
{{/SHOW_BUYER}}
{{#SHOW_SHOP}}
<th scope="col">[[Shop]]</th>
{{/SHOW_SHOP}}
<th scope="col">[[Type]]</th>
{{#SHOW_STATE}}
<th scope="col">[[State]]</th>
{{/SHOW_STATE}}
<th scope="col" class="num">[[Amount]]</th>
<th scope="col">{{DEADLINE_HEAD}}</th>
</tr>
</thead>
<tbody>
{{#CASE}}
<tr>
<td data-label="[[Case]]">
<a href="{{PREFIX}}case/{{ID}}">{{RMA_NO}}</a>
{{#UNREAD}}<b class="unread-dot">{{TEXT}}</b>{{/UNREAD}}
{{#SHOW_SHOP}}
<small class="sku">[[Order]] {{ORDER_NO}}</small>
{{/SHOW_SHOP}}
</td>
{{#SHOW_BUYER}}
<td data-label="[[Order]]">{{ORDER_NO}}</td>
<td data-label="[[Buyer]]">{{WHO}}</td>
{{/SHOW_BUYER}}
{{#SHOW_SHOP}}
<td data-label="[[Shop]]">{{WHO}}</td>
{{/SHOW_SHOP}}
<td data-label="[[Type]]">{{TYPE}}</td>
{{#SHOW_STATE}}
<td data-label="[[State]]">
<span class="badge state-{{STATE_KEY}}">{{STATE}}</span>
{{#YOUR_MOVE}}
<b class="your-move">[[Your move]]</b>
{{/YOUR_MOVE}}
{{#WAITING}}
<small class="muted">{{TEXT}}</small>
{{/WAITING}}
</td>
{{/SHOW_STATE}}
<td class="num" data-label="[[Amount]]">{{CURRENCY}} {{AMOUNT}}</td>
<td data-label="{{DEADLINE_HEAD}}">
{{DEADLINE}}
{{#OVERDUE}}
<b class="overdue">[[overdue]]</b>
{{/OVERDUE}}
</td>
</tr>
{{/CASE}}
</tbody>
</table>
