{{%AUTOESCAPE context="HTML"}}
<h1>[[My orders]]</h1>
<p class="lead">[[Your orders with every shop, newest first.]]</p>
{{#NO_ORDERS}}
<p class="empty card">[[You have no orders yet. Orders you pay for in a shop appear here.]]</p>
{{/NO_ORDERS}}
{{#ORDER}}
<article class="card order">
<header class="order-head">
<h2>{{SHOP}}</h2>
<p class="order-meta">
<span>[[Order]] <b>{{ORDER_NO}}</b></span>
<span>{{PAID}}</span>
<span class="badge badge-{{DELIVERY_KEY}}">{{DELIVERY}}</span>
</p>
</header>
<table class="lines">
<thead>
<tr>
<th scope="col">[[Item]]</th>
<th scope="col" class="num">[[Qty]]</th>
<th scope="col" class="num">[[Paid]]</th>
<th scope="col" class="num">[[Refunded]]</th>
</tr>
</thead>
<tbody>
{{#LINE}}
<tr>
<td data-label="[[Item]]">
{{#PICTURE}}<img class="item-picture" src="{{URL}}" alt="{{ALT}}" width="48" height="48">{{/PICTURE}}
{{TITLE}}{{#VARIANT}} · {{TEXT}}{{/VARIANT}} <small class="sku">{{SKU}}</small>
<span class="line-status">
{{#OPEN_CASE}}
<a href="{{PREFIX}}case/{{CASE}}">[[Open request: follow it]]</a>
{{/OPEN_CASE}}
{{#CAN_REQUEST}}
<a href="{{PREFIX}}case/new?order={{OID}}&amp;line={{LID}}">[[Request a refund]]</a>
<small class="until">{{UNTIL}}</small>
{{/CAN_REQUEST}}
{{#WHY_NOT}}
<span class="muted">{{TEXT}}</span>
{{/WHY_NOT}}
{{#LAST_CASE}}
· <a href="{{PREFIX}}case/{{CASE}}">[[last request]]</a>
{{/LAST_CASE}}
</span>
</td>
<td class="num" data-label="[[Qty]]">{{QTY}}</td>
<td class="num" data-label="[[Paid]]">{{CURRENCY}} {{PAID}}</td>
<td class="num" data-label="[[Refunded]]">{{CURRENCY}} {{REFUNDED}}</td>
</tr>
{{/LINE}}
</tbody>
<tfoot>
<tr>
<th scope="row" colspan="2">[[Total paid]]</th>
<td class="num" colspan="2">{{CURRENCY}} {{TOTAL}}</td>
</tr>
</tfoot>
</table>
<p class="order-actions">
<a class="button" href="{{PREFIX}}case/new?order={{ORDER_ID}}">[[Request a refund, return or exchange]]</a>
</p>
</article>
{{/ORDER}}
<nav class="pager" aria-label="[[Pages]]">
{{#FIRST}}
<a class="button" href="{{PREFIX}}">[[First page]]</a>
{{/FIRST}}
{{#NEXT}}
<a class="button" href="{{PREFIX}}?after={{AFTER}}" rel="next">[[Older orders]] →</a>
{{/NEXT}}
</nav>
