{{%AUTOESCAPE context="HTML"}}
<h1>Published return policy</h1>
<p class="lead">The version buyers and sellers work under now. New cases are opened under it; open cases keep their own version.</p>
{{#NO_POLICY}}<p class="empty card">No policy is published. Run <code>deskctl seed-demo</code> or publish a draft.</p>{{/NO_POLICY}}
{{>POLICY}}
