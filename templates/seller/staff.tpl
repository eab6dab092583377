{{%AUTOESCAPE context="HTML"}}
<section class="card staff" id="staff">
<h2>[[The shop's staff]]</h2>
<p class="lead">
[[Everyone who works this shop's cases; a case can be assigned to one of them on its page.]]
[[The platform's admins add accounts.]]
</p>
<table class="queue">
<thead>
<tr><th scope="col">[[Name]]</th><th scope="col">[[Login name]]</th>
<th scope="col" class="num">[[Open cases assigned]]</th></tr>
</thead>
<tbody>
{{#MEMBER}}
<tr class="staff-member">
<td data-label="[[Name]]">{{NAME}}{{#ME}} <small class="muted">([[you]])</small>{{/ME}}
{{#DISABLED}}<small class="muted">([[disabled]])</small>{{/DISABLED}}</td>
<td data-label="[[Login name]]">{{LOGIN}}</td>
<td class="num" data-label="[[Open cases assigned]]">{{OPEN}}</td>
</tr>
{{/MEMBER}}
</tbody>
</table>
</section>
