{{%AUTOESCAPE context="HTML"}}
<h1>[[My cases]]</h1>
<p class="lead">[[Your refund, return and exchange requests, open ones first.]]</p>
{{#EMPTY}}
<p class="empty card">
[[You have no requests. To ask for a refund, choose “Request a refund” beside an item of an order.]]
<a href="{{PREFIX}}">[[Go to your orders]]</a>
</p>
{{/EMPTY}}
{{>CASE_ROWS}}
<nav class="pager" aria-label="[[Pages]]">
{{#FIRST}}
<a class="button" href="{{PREFIX}}cases">[[First page]]</a>
{{/FIRST}}
{{#NEXT}}
<a class="button" href="{{PREFIX}}cases?{{QUERY}}" rel="next">[[Next page]]</a>
{{/NEXT}}
</nav>
