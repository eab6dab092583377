{{%AUTOESCAPE context="HTML"}}
<h1>[[Audit list]]</h1>
<p class="lead">[[Every admin action: who, what, when and from which address, newest first, 50 a page.]]</p>
{{#EMPTY}}
<p class="empty card">[[No admin action yet.]]</p>
{{/EMPTY}}
{{#HAS_ROWS}}
<table class="queue audit">
<thead>
<tr>
<th scope="col">[[When]]</th>
<th scope="col">[[Who]]</th>
<th scope="col">[[What]]</th>
<th scope="col">[[Subject]]</th>
<th scope="col">[[Details]]</th>
<th scope="col">[[From]]</th>
</tr>
</thead>
<tbody>
{{#ROW}}
<tr>
<td data-label="[[When]]">{{WHEN}}</td>
<td data-label="[[Who]]">{{WHO}}</td>
<td data-label="[[What]]"><code>{{ACTION}}</code></td>
<td data-label="[[Subject]]">{{SUBJECT}}</td>
<td data-label="[[Details]]">{{DETAIL}}</td>
<td data-label="[[From]]">{{ADDR}}</td>
</tr>
{{/ROW}}
</tbody>
</table>
{{/HAS_ROWS}}
<nav class="pager">
{{#FIRST_PAGE}}<a href="{{PREFIX}}audit" class="button">[[First page]]</a>{{/FIRST_PAGE}}
{{#NEXT_PAGE}}<a href="{{PREFIX}}audit?after={{AFTER}}" class="button" rel="next">[[Next page]]</a>{{/NEXT_PAGE}}
</nav>
