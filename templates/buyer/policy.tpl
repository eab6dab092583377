{{%AUTOESCAPE context="HTML"}}
<h1>Return policy</h1>
<p class="lead">The rules every refund, return and exchange follows. A case keeps the version it was opened under.</p>
{{#NO_POLICY}}<p class="empty card">No return policy has been published yet.</p>{{/NO_POLICY}}
{{>POLICY}}
