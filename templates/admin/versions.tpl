{{%AUTOESCAPE context="HTML"}}
<p class="crumbs"><a href="{{PREFIX}}policy">[[Policy]]</a> › [[Versions]]</p>
<h1>[[Policy versions]]</h1>
{{#PUBLISHED}}
<p class="flash ok" role="status">{{TEXT}}</p>
{{/PUBLISHED}}
<p class="muted">[[Newest first, 50 a page. Open cases]] {{OPEN_AS_OF}}</p>
<table class="queue versions">
<thead>
<tr>
<th scope="col">[[Version]]</th>
<th scope="col">[[Published]]</th>
<th scope="col">[[By]]</th>
<th scope="col">[[Note]]</th>
<th scope="col" class="num">[[Open cases under it]]</th>
</tr>
</thead>
<tbody>
{{#VERSION}}
<tr>
<td data-label="[[Version]]"><a href="{{PREFIX}}policy?version={{N}}">{{LABEL}}</a> · {{STATUS}}</td>
<td data-label="[[Published]]">{{WHEN}}</td>
<td data-label="[[By]]">{{WHO}}</td>
<td data-label="[[Note]]">{{NOTE}}</td>
<td class="num" data-label="[[Open cases under it]]">{{OPEN}}</td>
</tr>
{{/VERSION}}
</tbody>
</table>
<nav class="pager">
{{#FIRST_PAGE}}<a href="{{PREFIX}}versions" class="button">[[First page]]</a>{{/FIRST_PAGE}}
{{#NEXT_PAGE}}<a href="{{PREFIX}}versions?before={{BEFORE}}" class="button" rel="next">[[Next page]]</a>{{/NEXT_PAGE}}
</nav>
<form method="get" action="{{PREFIX}}versions" class="card request">
<label for="from">[[Compare version]]</label>
<select id="from" name="from">
{{#VERSION}}
<option value="{{N}}"{{#FROM_SELECTED}} selected{{/FROM_SELECTED}}>{{LABEL}}</option>
{{/VERSION}}
</select>
<label for="to">[[with version]]</label>
<select id="to" name="to">
{{#VERSION}}
<option value="{{N}}"{{#TO_SELECTED}} selected{{/TO_SELECTED}}>{{LABEL}}</option>
{{/VERSION}}
</select>
<button type="submit" class="button">[[Compare]]</button>
</form>
{{#DIFF}}
<section class="card">
<h2>{{TITLE}}</h2>
{{#SAME}}
<p class="muted">[[The two versions are the same.]]</p>
{{/SAME}}
{{#CHANGES}}
<table class="reasons changes">
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
{{/CHANGES}}
</section>
{{/DIFF}}
