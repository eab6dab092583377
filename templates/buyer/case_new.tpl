{{%AUTOESCAPE context="HTML"}}
<p class="crumbs"><a href="{{PREFIX}}">[[My orders]]</a> › [[New request]]</p>
<h1>[[Ask for a refund, return or exchange]]</h1>
<p class="lead">
[[Order]] {{ORDER_NO}} · {{SHOP}} · {{PAID}} · {{POLICY}}
</p>
{{#FORM_ERROR}}
<p class="form-error" role="alert">{{TEXT}} [[Your choices are kept below.]]</p>
{{/FORM_ERROR}}
{{#NOTHING_ELIGIBLE}}
<p class="empty card">[[Nothing in this order can be requested now.]]</p>
{{/NOTHING_ELIGIBLE}}
<form method="post" action="{{PREFIX}}case/new" class="card request" enctype="multipart/form-data" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="token" value="{{TOKEN}}">
<input type="hidden" name="order" value="{{ORDER_ID}}">
<fieldset class="field{{#LINES_ERROR}} invalid{{/LINES_ERROR}}"
{{#LINES_ERROR}} aria-describedby="lines-error"{{/LINES_ERROR}}>
<legend>[[Which items?]]</legend>
{{#LINES_ERROR}}
<p class="field-error" id="lines-error">{{TEXT}}</p>
{{/LINES_ERROR}}
{{#LINE}}
<div class="line-choice">
{{#CHOOSE}}
<label>
<input type="checkbox" name="{{NAME}}" value="1" data-refundable="{{REFUNDABLE_CENTS}}" data-units="{{UNITS}}"
 data-qty="{{QTY_NAME}}"{{#CHECKED}} checked{{/CHECKED}}
{{#LINES_ERROR}} aria-invalid="true" aria-describedby="lines-error"{{/LINES_ERROR}}>
{{#PICTURE}}<img class="item-picture" src="{{URL}}" alt="{{ALT}}" width="48" height="48">{{/PICTURE}}
{{TITLE}}{{#VARIANT}} · {{TEXT}}{{/VARIANT}} <small class="sku">{{SKU}} · {{UP_TO}}</small>
</label>
<label class="qty">[[Units]]
<select name="{{QTY_NAME}}">
{{#QTY}}
<option value="{{N}}" data-worth="{{WORTH_CENTS}}"{{#SELECTED}} selected{{/SELECTED}}>{{N}}</option>
{{/QTY}}
</select>
</label>
{{/CHOOSE}}
{{#OPEN_CASE}}
<p>{{TITLE}} — <a href="{{PREFIX}}case/{{CASE}}">[[already has an open request]]</a></p>
{{/OPEN_CASE}}
{{#BLOCKED}}
<p class="muted">{{TITLE}} — {{WHY}}</p>
{{/BLOCKED}}
</div>
{{/LINE}}
</fieldset>
<fieldset class="field{{#RECEIVED_ERROR}} invalid{{/RECEIVED_ERROR}}"
{{#RECEIVED_ERROR}} aria-describedby="received-error"{{/RECEIVED_ERROR}}>
<legend>[[Have you received the goods?]]</legend>
{{#RECEIVED_ERROR}}
<p class="field-error" id="received-error">{{TEXT}}</p>
{{/RECEIVED_ERROR}}
<label><input type="radio" name="received" value="yes"{{#RECEIVED_YES}} checked{{/RECEIVED_YES}}> [[Yes]]</label>
<label><input type="radio" name="received" value="no"{{#RECEIVED_NO}} checked{{/RECEIVED_NO}}> [[No]]</label>
</fieldset>
<fieldset class="field{{#TYPE_ERROR}} invalid{{/TYPE_ERROR}}"
{{#TYPE_ERROR}} aria-describedby="type-error"{{/TYPE_ERROR}}>
<legend>[[What would you like?]]</legend>
{{#TYPE_ERROR}}
<p class="field-error" id="type-error">{{TEXT}}</p>
{{/TYPE_ERROR}}
{{#TYPE}}
<label><input type="radio" name="type" value="{{VALUE}}"{{#CHECKED}} checked{{/CHECKED}}> {{LABEL}}</label>
{{/TYPE}}
</fieldset>
{{#VARIANTS}}
<div class="field variant-choice{{#VARIANT_ERROR}} invalid{{/VARIANT_ERROR}}">
<label for="variant">[[For an exchange: the variant you want]]</label>
<select id="variant" name="variant"
{{#VARIANT_ERROR}} aria-invalid="true" aria-describedby="variant-error"{{/VARIANT_ERROR}}>
<option value="">[[Choose a variant…]]</option>
{{#GROUP}}
<optgroup label="{{LABEL}}">
{{#OPTION}}
<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{VALUE}}{{#BOUGHT}} {{TEXT}}{{/BOUGHT}}</option>
{{/OPTION}}
</optgroup>
{{/GROUP}}
</select>
{{#VARIANT_ERROR}}
<p class="field-error" id="variant-error">{{TEXT}}</p>
{{/VARIANT_ERROR}}
</div>
{{/VARIANTS}}
<div class="field{{#REASON_ERROR}} invalid{{/REASON_ERROR}}">
<label for="reason">[[Reason]]</label>
<select id="reason" name="reason"
{{#REASON_ERROR}} aria-invalid="true" aria-describedby="reason-error"{{/REASON_ERROR}}>
<option value="">[[Choose a reason…]]</option>
{{#REASON}}
<option value="{{CODE}}" data-types="{{TYPES}}" data-photos="{{NEEDS_PHOTOS}}"{{#SELECTED}} selected{{/SELECTED}}>
{{LABEL}}{{#OTHER}} · {{TEXT}}{{/OTHER}} — {{PHOTOS}} {{PAYS}}
</option>
{{/REASON}}
</select>
{{#REASON_ERROR}}
<p class="field-error" id="reason-error">{{TEXT}}</p>
{{/REASON_ERROR}}
<details class="reasons-help">
<summary>[[What each reason means]]</summary>
<dl>
{{#REASON}}
<dt>{{LABEL}}</dt>
<dd>{{EXPLAIN}} {{PAYS}}</dd>
{{/REASON}}
</dl>
</details>
</div>
<div class="field{{#AMOUNT_ERROR}} invalid{{/AMOUNT_ERROR}}">
<label for="amount">[[Amount]] ({{CURRENCY}})</label>
<input id="amount" name="amount" type="text" inputmode="decimal" value="{{AMOUNT}}" placeholder="{{UP_TO_MAX}}"
 data-up-to="[[up to %s]]" autocomplete="off"
{{#AMOUNT_ERROR}} aria-invalid="true" aria-describedby="amount-error"{{/AMOUNT_ERROR}}>
<p class="hint">[[At most what the chosen items are worth; leave it empty to ask for all of it.]]</p>
{{#AMOUNT_ERROR}}
<p class="field-error" id="amount-error">{{TEXT}}</p>
{{/AMOUNT_ERROR}}
</div>
<div class="field{{#DESCRIPTION_ERROR}} invalid{{/DESCRIPTION_ERROR}}">
<label for="description">[[Describe the problem]]</label>
<textarea id="description" name="description" rows="4" maxlength="2000"
{{#DESCRIPTION_ERROR}} aria-invalid="true" aria-describedby="description-error"{{/DESCRIPTION_ERROR}}>
{{DESCRIPTION:pre_escape}}</textarea>
{{#DESCRIPTION_ERROR}}
<p class="field-error" id="description-error">{{TEXT}}</p>
{{/DESCRIPTION_ERROR}}
</div>
<div class="field{{#EVIDENCE_ERROR}} invalid{{/EVIDENCE_ERROR}}">
<label for="photos">[[Photos]]
<small>{{PHOTO_LIMITS}}</small>
</label>
<input id="photos" name="photos" type="file" accept="image/jpeg,image/png,image/webp" multiple
 data-preview="photo-previews"
{{#EVIDENCE_ERROR}} aria-invalid="true" aria-describedby="evidence-error"{{/EVIDENCE_ERROR}}>
<p class="hint">
[[Some reasons need photos of the problem. Photos are checked and re-saved by us; their location data is removed.]]
</p>
<div id="photo-previews" class="gallery previews"></div>
{{#HAS_HELD}}
<fieldset class="held">
<legend>[[Photos kept from your last try]]</legend>
{{#HELD}}
<label><input type="checkbox" name="keep_{{ID}}" value="1" checked> {{NAME}}</label>
{{/HELD}}
<p class="hint">[[They are sent with the request; untick one to leave it out.]]</p>
</fieldset>
{{/HAS_HELD}}
{{#EVIDENCE_ERROR}}
<p class="field-error" id="evidence-error">{{TEXT}}</p>
{{/EVIDENCE_ERROR}}
{{#CHOOSE_AGAIN}}
<p class="hint">[[Choose the photos again.]]</p>
{{/CHOOSE_AGAIN}}
</div>
{{#FORM}}
<button type="submit" class="button primary">[[Send the request]]</button>
{{/FORM}}
</form>
