{{%AUTOESCAPE context="HTML"}}
<p class="crumbs"><a href="{{PREFIX}}policy">[[Policy]]</a> › [[Draft]]</p>
<h1>[[Draft of the return policy]]</h1>
{{#NO_DRAFT}}
<p class="empty card">[[You have no draft. Start one from the editor.]]
<a href="{{PREFIX}}policy/edit">[[Edit the return policy]]</a></p>
{{/NO_DRAFT}}
{{#HAS_DRAFT}}
{{#NOTICE}}
<p class="form-error" role="alert">{{TEXT}}</p>
{{/NOTICE}}
<section class="card">
<h2>{{AGAINST}}</h2>
{{#NO_CHANGE}}
<p class="muted">[[Nothing changes: the draft is the same as that version.]]</p>
{{/NO_CHANGE}}
{{#HAS_CHANGES}}
<table class="reasons changes">
<thead>
<tr>
<th scope="col">[[Rule]]</th>
<th scope="col">[[Before]]</th>
<th scope="col">[[After publishing]]</th>
</tr>
</thead>
<tbody>
{{#CHANGE}}
<tr>
<td data-label="[[Rule]]">{{LABEL}}</td>
<td data-label="[[Before]]">{{BEFORE}}</td>
<td data-label="[[After publishing]]">{{AFTER}}</td>
</tr>
{{/CHANGE}}
</tbody>
</table>
{{/HAS_CHANGES}}
<p class="open-cases">{{OPEN_CASES}}</p>
<p><a href="{{PREFIX}}policy/edit">[[Go back to the editor]]</a></p>
</section>
<form method="post" action="{{PREFIX}}policy/publish" class="card request">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="draft" value="{{DRAFT}}">
<div class="field{{#NOTE_ERROR}} invalid{{/NOTE_ERROR}}">
<label for="note">[[Why it changes (kept with the version)]]</label>
<input type="text" id="note" name="note" value="{{NOTE}}" maxlength="500"
{{#NOTE_ERROR}} aria-invalid="true" aria-describedby="note-error"{{/NOTE_ERROR}}>
{{#NOTE_ERROR}}
<p class="field-error" id="note-error">{{TEXT}}</p>
{{/NOTE_ERROR}}
</div>
<p><button type="submit" class="button primary">[[Publish this version]]</button></p>
</form>
<h2>[[Preview: the buyers' policy page]]</h2>
<div class="preview" lang="en">
<h3>[[In English]]</h3>
{{PREVIEW_EN:none}}{{! safe: the output of shared/policy.tpl, which auto-escapes every value }}
</div>
<div class="preview" lang="zh-CN">
<h3>[[In Chinese]]</h3>
{{PREVIEW_ZH:none}}{{! safe: the output of shared/policy.tpl, which auto-escapes every value }}
</div>
{{/HAS_DRAFT}}
