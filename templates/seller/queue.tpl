{{%AUTOESCAPE context="HTML"}}
<h1>[[Case queue]] <small>{{SHOP_NAME}}</small></h1>
<p class="lead">
[[Open cases of your shop, soonest deadline first. A request you do not answer in time is approved automatically.]]
</p>
{{#EMPTY}}
<p class="empty card">[[No open cases. New refund, return and exchange requests appear here.]]</p>
{{/EMPTY}}
{{>CASE_ROWS}}
