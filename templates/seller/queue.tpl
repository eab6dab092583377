{{%AUTOESCAPE context="HTML"}}
<h1>[[Case queue]] <small>{{SHOP_NAME}}</small></h1>
<nav class="tabs" aria-label="[[Case queue]]">
<ul>
{{#TAB}}
<li><a href="{{PREFIX}}cases?{{QUERY}}" class="tab-{{NAME}}"{{#CURRENT}} aria-current="page"{{/CURRENT}}>{{LABEL}}
<span class="count">{{COUNT}}</span></a></li>
{{/TAB}}
{{#ASSIGNED_TAB}}
<li><a href="{{PREFIX}}cases?{{QUERY}}" class="mine-assigned"{{#CURRENT}} aria-current="page"{{/CURRENT}}>{{LABEL}}
<span class="count">{{COUNT}}</span></a></li>
{{/ASSIGNED_TAB}}
</ul>
</nav>
<form method="get" action="{{PREFIX}}cases" class="filters card">
<input type="hidden" name="tab" value="{{CUR_TAB}}">
<label>[[Search]]
<input type="search" name="q" value="{{Q}}" maxlength="64" placeholder="[[RMA, order, buyer or SKU]]"></label>
<label>[[State]]
<select name="state">
<option value="">[[Any]]</option>
{{#STATE_OPT}}
<option value="{{NAME}}"
{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/STATE_OPT}}
</select></label>
<label>[[Type]]
<select name="type">
<option value="">[[Any]]</option>
{{#TYPE_OPT}}
<option value="{{NAME}}"
{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/TYPE_OPT}}
</select></label>
<label>[[Reason]]
<select name="reason">
<option value="">[[Any]]</option>
{{#REASON_OPT}}
<option value="{{NAME}}"
{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/REASON_OPT}}
</select></label>
<label>[[Amount from]] <input type="text" name="min" value="{{MIN}}" inputmode="decimal" size="7"></label>
<label>[[to]] <input type="text" name="max" value="{{MAX}}" inputmode="decimal" size="7"></label>
<label>[[Opened from]] <input type="date" name="from" value="{{FROM}}"></label>
<label>[[to]] <input type="date" name="to" value="{{TO}}"></label>
<label>[[Sort]]
<select name="sort">
{{#SORT}}
<option value="{{NAME}}"
{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/SORT}}
</select></label>
<label class="check"><input type="checkbox" name="new" value="1"{{#NEW_CHECKED}} checked{{/NEW_CHECKED}}>
[[Has a new message]]</label>
<button type="submit" class="button">[[Filter]]</button>
</form>
{{#BAD_FILTER}}
<p class="notice">[[Some filters were not understood and were left out.]]</p>
{{/BAD_FILTER}}
{{#SEARCHED}}
<p class="lead">[[Cases matching]] <b>{{Q}}</b> · <a href="{{PREFIX}}cases">[[Back to the queue]]</a></p>
{{/SEARCHED}}
{{#EMPTY}}
<p class="empty card">
[[No cases here. New refund, return and exchange requests appear under Waiting for me.]]
</p>
{{/EMPTY}}
{{#TABLE}}
<p class="kbd-help" data-kbd-help hidden>
[[Keys: j or n next case, k previous, o opens it, x chooses it, a goes to the approve button.]]
[[On a case: n next case, a approve, r refuse (the form opens; you still confirm).]]
</p>
<form method="post" action="{{PREFIX}}bulk/approve" class="bulk">
<input type="hidden" name="csrf" value="{{CSRF}}">
<table class="queue dense" data-left="[[%s left]]" data-overdue="[[overdue by %s]]"
 data-day="[[d]]" data-hour="[[h]]" data-minute="[[min]]" data-second="[[s]]">
<thead>
<tr>
<th scope="col">[[Case]]</th>
<th scope="col">[[Order]]</th>
<th scope="col">[[Item]]</th>
<th scope="col">[[Reason]]</th>
<th scope="col">[[State]]</th>
<th scope="col">[[Buyer]]</th>
<th scope="col" class="num">[[Amount]]</th>
<th scope="col">[[Deadline]]</th>
<th scope="col"><span class="visually-hidden">[[Choose]]</span></th>
</tr>
</thead>
<tbody>
{{#ROW}}
<tr>
<td data-label="[[Case]]"><a href="{{PREFIX}}case/{{ID}}">{{RMA_NO}}</a>
{{#UNREAD}}<b class="unread-dot">{{TEXT}}</b>{{/UNREAD}}
<small class="muted">{{TYPE}}</small></td>
<td data-label="[[Order]]">{{ORDER_NO}}</td>
<td data-label="[[Item]]" class="item">
{{#THUMB}}<img class="thumb" src="{{PREFIX}}evidence/{{EID}}/thumb" alt="" width="32" height="32">{{/THUMB}}
{{ITEM}} <small class="sku">{{SKU}}</small>
{{#MORE_LINES}}<small class="muted">{{TEXT}}</small>{{/MORE_LINES}}</td>
<td data-label="[[Reason]]">{{REASON}}</td>
<td data-label="[[State]]"><span class="badge state-{{STATE_KEY}}">{{STATE}}</span>
{{#YOUR_MOVE}}<b class="your-move">[[Your move]]</b>{{/YOUR_MOVE}}</td>
<td data-label="[[Buyer]]">{{BUYER}}</td>
<td class="num" data-label="[[Amount]]">{{CURRENCY}} {{AMOUNT}}</td>
<td data-label="[[Deadline]]">{{#DEADLINE}}<time datetime="{{ISO}}" data-countdown>{{AT}}</time>
{{#OVERDUE}}<b class="overdue">[[overdue]]</b>{{/OVERDUE}}{{/DEADLINE}}{{#NO_DEADLINE}}—{{/NO_DEADLINE}}</td>
<td class="pick">{{#PICK}}<input type="checkbox" name="case" value="{{ID}}" aria-label="[[Choose]] {{RMA_NO}}">
<input type="hidden" name="e{{ID}}" value="{{EVENT}}">
<input type="hidden" name="t{{ID}}" value="{{TOKEN}}">{{/PICK}}</td>
</tr>
{{/ROW}}
</tbody>
</table>
{{#BULK}}
<p class="bulk-bar"><button type="submit" class="button primary">[[Approve the chosen cases]]</button>
<small class="muted">
[[Refund-only requests are refunded; returns and exchanges are approved to your default return address.]]
</small></p>
{{/BULK}}
</form>
{{/TABLE}}
<nav class="pager">
{{#FIRST}}<a href="{{PREFIX}}cases?{{QUERY}}" class="button">[[First page]]</a>{{/FIRST}}
{{#NEXT}}<a href="{{PREFIX}}cases?{{QUERY}}" class="button" rel="next">[[Next page]]</a>{{/NEXT}}
</nav>
