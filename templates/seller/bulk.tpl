{{%AUTOESCAPE context="HTML"}}
<h1>[[Bulk approval]]</h1>
<p class="lead">[[Approved:]] <b class="bulk-done">{{DONE_COUNT}}</b> ·
[[Skipped:]] <b class="bulk-skipped">{{SKIPPED_COUNT}}</b></p>
<table class="queue bulk-result">
<thead>
<tr><th scope="col">[[Case]]</th><th scope="col">[[Outcome]]</th><th scope="col">[[State now]]</th></tr>
</thead>
<tbody>
{{#DONE}}
<tr class="done">
<td data-label="[[Case]]">{{#CASE}}<a href="{{PREFIX}}case/{{ID}}">{{RMA_NO}}</a>{{/CASE}}{{#UNKNOWN}}—{{/UNKNOWN}}</td>
<td data-label="[[Outcome]]">{{OUTCOME}}</td>
<td data-label="[[State now]]">{{#CASE}}<span class="badge state-{{STATE_KEY}}">{{STATE}}</span>{{/CASE}}</td>
</tr>
{{/DONE}}
{{#SKIPPED}}
<tr class="skipped">
<td data-label="[[Case]]">{{#CASE}}<a href="{{PREFIX}}case/{{ID}}">{{RMA_NO}}</a>{{/CASE}}{{#UNKNOWN}}—{{/UNKNOWN}}</td>
<td data-label="[[Outcome]]">{{OUTCOME}}</td>
<td data-label="[[State now]]">{{#CASE}}<span class="badge state-{{STATE_KEY}}">{{STATE}}</span>{{/CASE}}</td>
</tr>
{{/SKIPPED}}
</tbody>
</table>
<p><a href="{{PREFIX}}cases" class="button">[[Back to the queue]]</a></p>
