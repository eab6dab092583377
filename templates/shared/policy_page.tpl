{{%AUTOESCAPE context="HTML"}}
<h1>{{HEADING}}</h1>
<p class="lead">{{LEAD}}</p>
{{#NO_POLICY}}
<p class="empty card">{{TEXT}}</p>
{{/NO_POLICY}}
{{>POLICY}}
{{#DIFF}}
<section class="card">
<h2>{{TITLE}}</h2>
<table class="reasons">
<thead>
<tr>
<th scope="col">[[Rule]]</th>
<th scope="col">[[Before]]</th>
<th scope="col">[[Now]]</th>
</tr>
</thead>
<tbody>
{{#CHANGE}}
<tr>
<td data-label="[[Rule]]">{{LABEL}}</td>
<td data-label="[[Before]]">{{BEFORE}}</td>
<td data-label="[[Now]]">{{AFTER}}</td>
</tr>
{{/CHANGE}}
</tbody>
</table>
</section>
{{/DIFF}}
<section class="card">
<h2>[[All versions]]</h2>
<ul class="versions">
{{#VERSION}}
<li>
{{#SHOWN}}<b>{{/SHOWN}}<a href="{{PREFIX}}policy?version={{N}}">{{LABEL}}</a>{{#SHOWN}}</b>{{/SHOWN}}
· {{STATUS}} · {{PUBLISHED}}
</li>
{{/VERSION}}
</ul>
</section>
