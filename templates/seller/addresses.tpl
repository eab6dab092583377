{{%AUTOESCAPE context="HTML"}}
<h1>[[Return addresses]]</h1>
<p class="lead">
[[Returns go to the address you choose when you approve; approvals by deadline use the default.]]
</p>
{{#DONE}}
<p class="notice">{{TEXT}}</p>
{{/DONE}}
{{#NONE}}
<p class="empty card">[[No return address yet. Add one below before you approve a return.]]</p>
{{/NONE}}
{{#ADDRESS}}
<section class="card address" id="address-{{ID}}">
<h2>{{LABEL}}
{{#DEFAULT}}<span class="badge">[[Default]]</span>{{/DEFAULT}}</h2>
<p>{{RECIPIENT}} · {{PHONE}}<br>{{ADDRESS}}</p>
{{#ERROR}}<p class="error" role="alert">{{TEXT}}</p>{{/ERROR}}
<details{{#OPEN}} open{{/OPEN}}>
<summary>[[Edit]]</summary>
<form method="post" action="{{PREFIX}}address/{{ID}}" class="stack">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="do" value="edit">
<label>[[Name]] <input type="text" name="label" value="{{LABEL}}" maxlength="64" required></label>
<label>[[Recipient]] <input type="text" name="recipient" value="{{RECIPIENT}}" maxlength="100" required></label>
<label>[[Phone]] <input type="text" name="phone" value="{{PHONE}}" maxlength="32" required></label>
<label>[[Address]] <textarea name="address" rows="3" maxlength="1000" required>{{ADDRESS}}</textarea></label>
<button type="submit" class="button">[[Save]]</button>
</form>
</details>
{{#NOT_DEFAULT}}
<form method="post" action="{{PREFIX}}address/{{ID}}" class="inline">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="do" value="default">
<button type="submit" class="button">[[Make default]]</button>
</form>
<form method="post" action="{{PREFIX}}address/{{ID}}" class="inline">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="do" value="remove">
<button type="submit" class="button danger">[[Remove]]</button>
</form>
{{/NOT_DEFAULT}}
</section>
{{/ADDRESS}}
{{#ADD}}
<section class="card">
<h2>[[Add a return address]]</h2>
{{#ERROR}}<p class="error" role="alert">{{TEXT}}</p>{{/ERROR}}
<form method="post" action="{{PREFIX}}addresses" class="stack">
<input type="hidden" name="csrf" value="{{CSRF}}">
<label>[[Name]] <input type="text" name="label" value="{{LABEL}}" maxlength="64" required></label>
<label>[[Recipient]] <input type="text" name="recipient" value="{{RECIPIENT}}" maxlength="100" required></label>
<label>[[Phone]] <input type="text" name="phone" value="{{PHONE}}" maxlength="32" required></label>
<label>[[Address]] <textarea name="address" rows="3" maxlength="1000" required>{{ADDRESS}}</textarea></label>
<button type="submit" class="button primary">[[Add address]]</button>
</form>
</section>
{{/ADD}}
{{>STAFF}}
