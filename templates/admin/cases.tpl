{{%AUTOESCAPE context="HTML"}}
<h1>[[Escalated cases]]</h1>
<p class="lead">[[Buyers asked the platform to step in after a refusal. Rule on each before its deadline.]]</p>
{{#EMPTY}}
<p class="empty card">[[No case is waiting for a ruling.]]</p>
{{/EMPTY}}
{{>CASE_ROWS}}
