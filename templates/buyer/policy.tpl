{{%AUTOESCAPE context="HTML"}}
<h1>[[Return policy]]</h1>
<p class="lead">[[The rules every refund, return and exchange follows. A case keeps the version it was opened under.]]</p>
{{#NO_POLICY}}<p class="empty card">[[No return policy has been published yet.]]</p>{{/NO_POLICY}}
{{>POLICY}}
{{#DIFF}}<section class="card">
<h2>[[What changed since version]] {{PREV}}</h2>
<table class="reasons"><thead><tr><th scope="col">[[Rule]]</th><th scope="col">[[Before]]</th><th scope="col">[[Now]]</th></tr></thead><tbody>
{{#CHANGE}}<tr><td data-label="[[Rule]]">{{LABEL}}</td><td data-label="[[Before]]">{{BEFORE}}</td><td data-label="[[Now]]">{{AFTER}}</td></tr>
{{/CHANGE}}</tbody></table>
</section>{{/DIFF}}
<section class="card">
<h2>[[All versions]]</h2>
<ul class="versions">
{{#VERSION}}<li>{{#SHOWN}}<b>{{/SHOWN}}<a href="{{PREFIX}}policy?version={{N}}">[[Version]] {{N}}</a>{{#SHOWN}}</b>{{/SHOWN}} · {{STATUS}} · [[published]] {{AT}}</li>
{{/VERSION}}</ul>
</section>
