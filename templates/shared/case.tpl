{{%AUTOESCAPE context="HTML"}}
<p class="crumbs"><a href="{{PREFIX}}cases">[[Cases]]</a> › {{RMA_NO}}</p>
<header class="case-head">
<h1>[[Case]] {{RMA_NO}} <small>{{TYPE}}</small></h1>
<p class="state state-{{STATE_KEY}}">
<span class="badge">{{STATE_WORDS}}</span>
{{#WAITING}}
· {{TEXT}}
{{/WAITING}}
{{#CLOSED}}
· {{REASON}}
{{/CLOSED}}
</p>
</header>
<ol class="steps" aria-label="[[Progress of the case]]">
{{#STEP}}
<li class="step step-{{KEY}}"{{#CURRENT}} aria-current="step"{{/CURRENT}}>{{TEXT}}</li>
{{/STEP}}
</ol>
{{#PAGE_ERROR}}
<p class="form-error" role="alert">{{TEXT}}</p>
{{/PAGE_ERROR}}
{{#DEADLINE}}
<section class="card deadline{{#OVERDUE}} overdue{{/OVERDUE}}">
<p>
<b>[[Deadline:]]
<time datetime="{{ISO}}" data-countdown data-left="[[%s left]]" data-overdue="[[overdue by %s]]"
 data-day="[[d]]" data-hour="[[h]]" data-minute="[[min]]" data-second="[[s]]">{{AT}}</time></b>
{{#OVERDUE}}
([[overdue]])
{{/OVERDUE}}
</p>
<p>{{WHEN_DUE}}</p>
</section>
{{/DEADLINE}}
{{#EVIDENCE_ASK}}
<section class="card evidence-ask" id="evidence-ask" data-party="{{PARTY}}">
<h2>{{TITLE}}</h2>
<blockquote class="note">{{TEXT}}</blockquote>
<p>{{HOW}}</p>
</section>
{{/EVIDENCE_ASK}}
{{#RULING}}
<section class="card ruling" id="ruling">
<h2>[[The platform's ruling]]</h2>
<p><b>{{WHAT}}</b>{{#AMOUNT}} · {{CURRENCY}} {{VALUE}}{{/AMOUNT}} <span class="muted">{{AT}}</span></p>
<blockquote class="note">{{TEXT}}</blockquote>
</section>
{{/RULING}}
{{#FAST_TRACKED}}
<p class="flash flash-ok">[[Approved at once by the fast-refund rule (极速退款).]]</p>
{{/FAST_TRACKED}}

<div class="case-grid">
<section class="card">
<h2>[[Request]]</h2>
<dl class="facts">
<dt>[[Order]]</dt>
<dd>{{ORDER_NO}} · {{SHOP}}</dd>
<dt>[[Buyer]]</dt>
<dd>{{BUYER}}</dd>
<dt>[[Reason]]</dt>
<dd>{{REASON}}</dd>
<dt>[[Goods]]</dt>
<dd>{{GOODS}}</dd>
{{#WANTED}}
<dt>[[Exchange for]]</dt>
<dd class="wanted">{{TEXT}}</dd>
{{/WANTED}}
<dt>[[Return shipping paid by]]</dt>
<dd>{{PAYER}}</dd>
<dt>[[Opened]]</dt>
<dd>{{OPENED}}</dd>
<dt>[[Request]]</dt>
<dd>{{ATTEMPTS}}</dd>
<dt>[[Policy]]</dt>
<dd><a href="{{PREFIX}}policy?version={{POLICY_VERSION}}">{{POLICY}}</a></dd>
{{#RETURN_ADDRESS}}
<dt>[[Send the goods to]]</dt>
<dd>{{TEXT}}</dd>
{{/RETURN_ADDRESS}}
{{#COMPENSATION}}
<dt>[[Compensation]]</dt>
<dd class="compensation comp-{{KIND_KEY}}">{{KIND}}{{#VALUE}} {{CURRENCY}} {{AMOUNT}}{{/VALUE}}
{{#CODE}} · [[code]] {{TEXT}}{{/CODE}}
{{#EXPIRES}} · [[valid until]] {{TEXT}}{{/EXPIRES}}{{#TEXT}} · {{TEXT}}{{/TEXT}} ({{STATUS}})</dd>
{{/COMPENSATION}}
</dl>
{{#DESCRIPTION}}
<blockquote class="description">{{TEXT}}</blockquote>
{{/DESCRIPTION}}
</section>
<section class="card">
<h2>[[Money]]</h2>
<dl class="facts">
<dt>[[Asked for]]</dt>
<dd class="num">{{CURRENCY}} {{REQUESTED}}</dd>
{{#OFFERED}}
<dt>[[Offered by the seller]]</dt>
<dd class="num">{{CURRENCY}} {{AMOUNT}}</dd>
{{/OFFERED}}
{{#APPROVED}}
<dt>[[Approved]]</dt>
<dd class="num">{{CURRENCY}} {{AMOUNT}}</dd>
{{/APPROVED}}
{{#POSTAGE_PAID}}
<dt>[[Return postage]]</dt>
<dd class="num postage">{{CURRENCY}} {{AMOUNT}}</dd>
{{/POSTAGE_PAID}}
{{#REFUNDED}}
<dt>[[Refunded]]</dt>
<dd class="num">{{CURRENCY}} {{AMOUNT}}</dd>
{{/REFUNDED}}
</dl>
<table class="lines">
<thead>
<tr>
<th scope="col">[[Item]]</th>
<th scope="col" class="num">[[Units]]</th>
<th scope="col" class="num">[[Paid]]</th>
<th scope="col" class="num">[[In this case]]</th>
</tr>
</thead>
<tbody>
{{#LINE}}
<tr>
<td data-label="[[Item]]">
{{#PICTURE}}<img class="item-picture" src="{{URL}}" alt="{{ALT}}" width="48" height="48">{{/PICTURE}}
{{TITLE}} <small class="sku">{{SKU}}</small></td>
<td class="num" data-label="[[Units]]">{{UNITS}}</td>
<td class="num" data-label="[[Paid]]">{{CURRENCY}} {{PAID}}</td>
<td class="num" data-label="[[In this case]]">{{CURRENCY}} {{AMOUNT}}</td>
</tr>
{{/LINE}}
</tbody>
</table>
</section>
</div>
{{>REVIEW}}

{{#HISTORY}}
<section class="card history" id="history">
<h2>[[Both sides' history]]</h2>
<table class="history">
<thead>
<tr>
<th scope="col"></th>
<th scope="col" class="num">[[Orders]]</th>
<th scope="col" class="num">[[Cases]]</th>
<th scope="col" class="num">[[Refunded]]</th>
<th scope="col" class="num">[[Escalated]]</th>
<th scope="col" class="num">[[Refund rate]]</th>
<th scope="col" class="num">[[Amount refunded]]</th>
</tr>
</thead>
<tbody>
{{#BUYER_HISTORY}}
<tr class="history-buyer">
<th scope="row">[[Buyer]]</th><td class="num">{{ORDERS}}</td><td class="num">{{CASES}}</td>
<td class="num">{{REFUNDED}}</td><td class="num">{{ESCALATED}}</td><td class="num">{{RATE}}</td>
<td class="num">{{REFUNDED_AMOUNT}}</td>
</tr>
{{/BUYER_HISTORY}}
{{#SHOP_HISTORY}}
<tr class="history-shop">
<th scope="row">[[Shop]]</th><td class="num">{{ORDERS}}</td><td class="num">{{CASES}}</td>
<td class="num">{{REFUNDED}}</td><td class="num">{{ESCALATED}}</td><td class="num">{{RATE}}</td>
<td class="num">{{REFUNDED_AMOUNT}}</td>
</tr>
{{/SHOP_HISTORY}}
</tbody>
</table>
<p class="muted">[[Refund rate: cases that ended refunded, per order. Counts include this case.]]</p>
</section>
{{/HISTORY}}

{{#HAS_EVIDENCE}}
<section class="card">
<h2>[[Photos]]</h2>
<ul class="gallery">
{{#EVIDENCE}}
<li>
<a href="{{PREFIX}}evidence/{{EID}}">
<img src="{{PREFIX}}evidence/{{EID}}/thumb" alt="{{ALT}}">
</a>
<small>{{BY}} · {{AT}}</small>
</li>
{{/EVIDENCE}}
</ul>
</section>
{{/HAS_EVIDENCE}}

{{>TALK}}
<section class="card actions">
<h2>[[What you can do]]</h2>
{{#NO_ACTIONS}}
<p class="muted">[[Nothing is waiting for you on this case.]]</p>
{{/NO_ACTIONS}}
{{#ACTION}}
<details class="action action-{{KIND}}{{#NEXT}} action-next{{/NEXT}}"{{#OPEN}} open{{/OPEN}}>
<summary>{{BUTTON}}</summary>
<form method="post" action="{{PREFIX}}case/{{ID}}" enctype="multipart/form-data">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="event" value="{{EVENT}}">
<input type="hidden" name="state" value="{{STATE}}">
<input type="hidden" name="token" value="{{TOKEN}}">
{{#ERROR}}
<p class="field-error" id="error-{{EVENT}}" role="alert">{{TEXT}}</p>
{{/ERROR}}
{{#AMOUNT}}
<div class="field">
<label for="amount-{{EVENT}}">{{LABEL}} <small>{{AT_MOST}}</small></label>
<input id="amount-{{EVENT}}" name="amount" type="text" inputmode="decimal" value="{{VALUE}}" autocomplete="off"
{{#ERROR}} aria-describedby="error-{{EVENT}}"{{/ERROR}}>
</div>
{{/AMOUNT}}
{{#SHIPPING}}
<div class="field">
<label for="carrier-{{EVENT}}">[[Carrier]]</label>
<input id="carrier-{{EVENT}}" name="carrier" type="text" value="{{CARRIER}}" maxlength="64" required
{{#ERROR}} aria-describedby="error-{{EVENT}}"{{/ERROR}}>
</div>
<div class="field">
<label for="waybill-{{EVENT}}">[[Waybill number]]</label>
<input id="waybill-{{EVENT}}" name="waybill" type="text" value="{{WAYBILL}}" maxlength="64" required autocomplete="off"
{{#ERROR}} aria-describedby="error-{{EVENT}}"{{/ERROR}}>
</div>
{{/SHIPPING}}
{{#POSTAGE}}
<div class="field">
<label for="postage-{{EVENT}}">[[Return postage you paid (refunded with the goods)]] <small>{{AT_MOST}}</small></label>
<input id="postage-{{EVENT}}" name="postage" type="text" inputmode="decimal" value="{{VALUE}}" autocomplete="off"
{{#ERROR}} aria-invalid="true" aria-describedby="error-{{EVENT}}"{{/ERROR}}>
</div>
{{/POSTAGE}}
{{#ADDRESS}}
<div class="field">
<label for="address-{{EVENT}}">[[Return address]]</label>
<select id="address-{{EVENT}}" name="address">
{{#OPTION}}<option value="{{ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}: {{TEXT}}</option>{{/OPTION}}
</select>
</div>
{{/ADDRESS}}
{{#REFUSAL}}
<div class="field">
<label for="refusal-{{EVENT}}">[[Reason for refusing]]</label>
<select id="refusal-{{EVENT}}" name="refusal" required>
<option value="">[[Choose a reason]]</option>
{{#OPTION}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/OPTION}}
</select>
</div>
{{/REFUSAL}}
{{#COMP}}
<fieldset class="field compensation">
<legend>[[Compensation (optional)]]</legend>
<label for="comp-kind-{{EVENT}}">[[Kind]]</label>
<select id="comp-kind-{{EVENT}}" name="comp_kind">
<option value="">[[None]]</option>
{{#OPTION}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/OPTION}}
</select>
<label for="comp-value-{{EVENT}}">[[Value (coupon, postage)]]</label>
<input id="comp-value-{{EVENT}}" name="comp_value" type="text" inputmode="decimal" value="{{VALUE}}">
<label for="comp-code-{{EVENT}}">[[Coupon code]]</label>
<input id="comp-code-{{EVENT}}" name="comp_code" type="text" maxlength="64" value="{{CODE}}">
<label for="comp-expires-{{EVENT}}">[[Coupon valid until]]</label>
<input id="comp-expires-{{EVENT}}" name="comp_expires" type="date" value="{{EXPIRES}}">
<label for="comp-text-{{EVENT}}">[[Description (a gift, the terms)]]</label>
<input id="comp-text-{{EVENT}}" name="comp_text" type="text" maxlength="255" value="{{TEXT}}">
</fieldset>
{{/COMP}}
{{#NOTE}}
<div class="field">
<label for="note-{{EVENT}}">{{LABEL}}</label>
<textarea id="note-{{EVENT}}" name="note" rows="3" maxlength="2000"{{#REQUIRED}} required{{/REQUIRED}}
{{#ERROR}} aria-describedby="error-{{EVENT}}"{{/ERROR}}>{{VALUE:pre_escape}}</textarea>
</div>
{{/NOTE}}
{{#PHOTOS}}
<div class="field">
<label for="photos-{{EVENT}}">[[Photos]] <small>([[JPEG, PNG or WebP]])</small></label>
<input id="photos-{{EVENT}}" name="photos" type="file" accept="image/jpeg,image/png,image/webp" multiple
{{#ERROR}} aria-describedby="error-{{EVENT}}"{{/ERROR}}>
</div>
{{/PHOTOS}}
<button type="submit" class="button {{KIND}}"{{#CONFIRM}} data-confirm="{{TEXT}}"{{/CONFIRM}}>{{BUTTON}}</button>
</form>
</details>
{{/ACTION}}
</section>

{{>PARCELS}}
<section class="card">
<h2>[[Timeline]]</h2>
<ol class="timeline">
{{#EVENT}}
<li>
<time>{{AT}}</time> <b>{{WHAT}}</b> <span class="muted">{{BY}}</span>
{{#AMOUNT}}
· {{CURRENCY}} {{VALUE}}
{{/AMOUNT}}
{{#MOVED}}
→ {{TO}}
{{/MOVED}}
{{#RULE}}
<small class="rule">({{TEXT}})</small>
{{/RULE}}
{{#NOTE}}
<br><span class="note">{{TEXT}}</span>
{{/NOTE}}
{{#PHOTO}}
<a class="photo-link" href="{{PREFIX}}evidence/{{EID}}">[[photo]] {{EID}}</a>
{{/PHOTO}}
</li>
{{/EVENT}}
</ol>
</section>
