{{%AUTOESCAPE context="HTML"}}
<p class="crumbs"><a href="{{PREFIX}}policy">[[Policy]]</a> › [[Edit]]</p>
<h1>[[Edit the return policy]]</h1>
<p class="lead">{{BASED_ON}}</p>
{{#HAS_ERRORS}}
<p class="form-error" role="alert">
[[Some fields need a change; each says what next to it. Your input is kept below.]]
</p>
{{/HAS_ERRORS}}
{{#FORM_ERROR}}
<p class="field-error" id="form-error">{{TEXT}}</p>
{{/FORM_ERROR}}
<form method="post" action="{{PREFIX}}policy/edit" class="card request policy-edit" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="reasons" value="{{ROWS}}">
<fieldset>
<legend>[[Deadlines and limits]]</legend>
{{#NUM}}
<div class="field{{#ERROR}} invalid{{/ERROR}}">
<label for="f-{{NAME}}">{{LABEL}}</label>
<input type="text" id="f-{{NAME}}" name="{{NAME}}" value="{{VALUE}}" inputmode="numeric"
{{#ERROR}} aria-invalid="true" aria-describedby="{{NAME}}-error"{{/ERROR}}>
{{#ERROR}}
<p class="field-error" id="{{NAME}}-error">{{TEXT}}</p>
{{/ERROR}}
</div>
{{/NUM}}
<div class="field{{#EVIDENCE_TYPES_ERROR}} invalid{{/EVIDENCE_TYPES_ERROR}}">
<label for="f-evidence_types">[[Accepted photo types]]</label>
<input type="text" id="f-evidence_types" name="evidence_types" value="{{EVIDENCE_TYPES}}"
{{#EVIDENCE_TYPES_ERROR}} aria-invalid="true" aria-describedby="evidence_types-error"{{/EVIDENCE_TYPES_ERROR}}>
{{#EVIDENCE_TYPES_ERROR}}
<p class="field-error" id="evidence_types-error">{{TEXT}}</p>
{{/EVIDENCE_TYPES_ERROR}}
</div>
</fieldset>
<fieldset>
<legend>[[Fast refund]]</legend>
<label><input type="checkbox" name="fast_track_enabled" value="1"{{#FAST_CHECKED}} checked{{/FAST_CHECKED}}>
[[Approve low-risk refund-only requests at once]]</label>
<div class="field{{#FAST_TRACK_MAX_ERROR}} invalid{{/FAST_TRACK_MAX_ERROR}}">
<label for="f-fast_track_max">[[Fast refund up to (amount)]]</label>
<input type="text" id="f-fast_track_max" name="fast_track_max" value="{{FAST_TRACK_MAX}}" inputmode="decimal"
{{#FAST_TRACK_MAX_ERROR}} aria-invalid="true" aria-describedby="fast_track_max-error"{{/FAST_TRACK_MAX_ERROR}}>
{{#FAST_TRACK_MAX_ERROR}}
<p class="field-error" id="fast_track_max-error">{{TEXT}}</p>
{{/FAST_TRACK_MAX_ERROR}}
</div>
</fieldset>
<fieldset>
<legend>[[Text for buyers]]</legend>
<div class="field{{#TEXT_EN_ERROR}} invalid{{/TEXT_EN_ERROR}}">
<label for="f-text_en">[[In English]]</label>
<textarea id="f-text_en" name="text_en" rows="6"
{{#TEXT_EN_ERROR}} aria-invalid="true" aria-describedby="text_en-error"{{/TEXT_EN_ERROR}}>
{{TEXT_EN:pre_escape}}</textarea>
{{#TEXT_EN_ERROR}}
<p class="field-error" id="text_en-error">{{TEXT}}</p>
{{/TEXT_EN_ERROR}}
</div>
<div class="field{{#TEXT_ZH_ERROR}} invalid{{/TEXT_ZH_ERROR}}">
<label for="f-text_zh">[[In Chinese]]</label>
<textarea id="f-text_zh" name="text_zh" rows="6"
{{#TEXT_ZH_ERROR}} aria-invalid="true" aria-describedby="text_zh-error"{{/TEXT_ZH_ERROR}}>
{{TEXT_ZH:pre_escape}}</textarea>
{{#TEXT_ZH_ERROR}}
<p class="field-error" id="text_zh-error">{{TEXT}}</p>
{{/TEXT_ZH_ERROR}}
</div>
</fieldset>
{{#REASON}}
<fieldset class="reason-edit{{#ROW_ERROR}} invalid{{/ROW_ERROR}}" id="reason-{{I}}">
<legend>{{TITLE}}</legend>
{{#ROW_ERROR}}
<p class="field-error" id="r{{I}}-error">{{TEXT}}</p>
{{/ROW_ERROR}}
{{#CODE}}
<div class="field{{#ERROR}} invalid{{/ERROR}}">
<label for="f-{{NAME}}">[[Code]]</label>
<input type="text" id="f-{{NAME}}" name="{{NAME}}" value="{{VALUE}}"
{{#ERROR}} aria-invalid="true" aria-describedby="{{NAME}}-error"{{/ERROR}}>
{{#ERROR}}
<p class="field-error" id="{{NAME}}-error">{{TEXT}}</p>
{{/ERROR}}
</div>
{{/CODE}}
{{#LABEL_EN}}
<div class="field{{#ERROR}} invalid{{/ERROR}}">
<label for="f-{{NAME}}">[[Label in English]]</label>
<input type="text" id="f-{{NAME}}" name="{{NAME}}" value="{{VALUE}}"
{{#ERROR}} aria-invalid="true" aria-describedby="{{NAME}}-error"{{/ERROR}}>
{{#ERROR}}
<p class="field-error" id="{{NAME}}-error">{{TEXT}}</p>
{{/ERROR}}
</div>
{{/LABEL_EN}}
{{#LABEL_ZH}}
<div class="field{{#ERROR}} invalid{{/ERROR}}">
<label for="f-{{NAME}}">[[Label in Chinese]]</label>
<input type="text" id="f-{{NAME}}" name="{{NAME}}" value="{{VALUE}}"
{{#ERROR}} aria-invalid="true" aria-describedby="{{NAME}}-error"{{/ERROR}}>
{{#ERROR}}
<p class="field-error" id="{{NAME}}-error">{{TEXT}}</p>
{{/ERROR}}
</div>
{{/LABEL_ZH}}
{{#EXPLAIN_EN}}
<div class="field{{#ERROR}} invalid{{/ERROR}}">
<label for="f-{{NAME}}">[[Explanation in English]]</label>
<textarea id="f-{{NAME}}" name="{{NAME}}" rows="2"
{{#ERROR}} aria-invalid="true" aria-describedby="{{NAME}}-error"{{/ERROR}}>
{{VALUE:pre_escape}}</textarea>
{{#ERROR}}
<p class="field-error" id="{{NAME}}-error">{{TEXT}}</p>
{{/ERROR}}
</div>
{{/EXPLAIN_EN}}
{{#EXPLAIN_ZH}}
<div class="field{{#ERROR}} invalid{{/ERROR}}">
<label for="f-{{NAME}}">[[Explanation in Chinese]]</label>
<textarea id="f-{{NAME}}" name="{{NAME}}" rows="2"
{{#ERROR}} aria-invalid="true" aria-describedby="{{NAME}}-error"{{/ERROR}}>
{{VALUE:pre_escape}}</textarea>
{{#ERROR}}
<p class="field-error" id="{{NAME}}-error">{{TEXT}}</p>
{{/ERROR}}
</div>
{{/EXPLAIN_ZH}}
<div class="field">
<label for="f-r{{I}}_payer">[[Return shipping paid by]]</label>
<select id="f-r{{I}}_payer" name="r{{I}}_payer">
{{#PAYER}}
<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/PAYER}}
</select>
{{#PAYER_ERROR}}
<p class="field-error">{{TEXT}}</p>
{{/PAYER_ERROR}}
</div>
<div class="field">
<label for="f-r{{I}}_from">[[Window counts from]]</label>
<select id="f-r{{I}}_from" name="r{{I}}_from">
{{#FROM}}
<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/FROM}}
</select>
{{#FROM_ERROR}}
<p class="field-error">{{TEXT}}</p>
{{/FROM_ERROR}}
</div>
<div class="field">
<label for="f-r{{I}}_needs">[[May be used]]</label>
<select id="f-r{{I}}_needs" name="r{{I}}_needs">
{{#NEEDS}}
<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/NEEDS}}
</select>
{{#NEEDS_ERROR}}
<p class="field-error">{{TEXT}}</p>
{{/NEEDS_ERROR}}
</div>
{{#WINDOW}}
<div class="field{{#ERROR}} invalid{{/ERROR}}">
<label for="f-{{NAME}}">[[Own window in days after delivery (empty: the policy's)]]</label>
<input type="text" id="f-{{NAME}}" name="{{NAME}}" value="{{VALUE}}" inputmode="numeric"
{{#ERROR}} aria-invalid="true" aria-describedby="{{NAME}}-error"{{/ERROR}}>
{{#ERROR}}
<p class="field-error" id="{{NAME}}-error">{{TEXT}}</p>
{{/ERROR}}
</div>
{{/WINDOW}}
<div class="field">
{{#BOX}}
<label><input type="checkbox" name="{{NAME}}" value="1"{{#CHECKED}} checked{{/CHECKED}}> {{LABEL}}</label>
{{/BOX}}
</div>
</fieldset>
{{/REASON}}
<p><button type="submit" class="button primary">[[Save the draft and preview it]]</button></p>
</form>
