{{%AUTOESCAPE context="HTML"}}
<h1>[[Find a case]]</h1>
<form method="get" action="{{PREFIX}}search" class="card request search" novalidate>
<div class="field{{#Q_RMA_ERROR}} invalid{{/Q_RMA_ERROR}}">
<label for="q-rma">[[RMA number]]</label>
<input type="text" id="q-rma" name="rma" value="{{Q_RMA}}"
{{#Q_RMA_ERROR}} aria-invalid="true" aria-describedby="q-rma-error"{{/Q_RMA_ERROR}}>
{{#Q_RMA_ERROR}}
<p class="field-error" id="q-rma-error">{{TEXT}}</p>
{{/Q_RMA_ERROR}}
</div>
<div class="field{{#Q_ORDER_ERROR}} invalid{{/Q_ORDER_ERROR}}">
<label for="q-order">[[Order number]]</label>
<input type="text" id="q-order" name="order" value="{{Q_ORDER}}"
{{#Q_ORDER_ERROR}} aria-invalid="true" aria-describedby="q-order-error"{{/Q_ORDER_ERROR}}>
{{#Q_ORDER_ERROR}}
<p class="field-error" id="q-order-error">{{TEXT}}</p>
{{/Q_ORDER_ERROR}}
</div>
<div class="field{{#Q_BUYER_ERROR}} invalid{{/Q_BUYER_ERROR}}">
<label for="q-buyer">[[Buyer's login]]</label>
<input type="text" id="q-buyer" name="buyer" value="{{Q_BUYER}}"
{{#Q_BUYER_ERROR}} aria-invalid="true" aria-describedby="q-buyer-error"{{/Q_BUYER_ERROR}}>
{{#Q_BUYER_ERROR}}
<p class="field-error" id="q-buyer-error">{{TEXT}}</p>
{{/Q_BUYER_ERROR}}
</div>
<div class="field">
<label for="q-shop">[[Shop id (see the shops under Accounts)]]</label>
<input type="text" id="q-shop" name="shop" value="{{Q_SHOP}}" inputmode="numeric" maxlength="19">
</div>
<div class="field{{#Q_STATE_ERROR}} invalid{{/Q_STATE_ERROR}}">
<label for="q-state">[[State]]</label>
<select id="q-state" name="state"
{{#Q_STATE_ERROR}} aria-invalid="true" aria-describedby="q-state-error"{{/Q_STATE_ERROR}}>
<option value="">[[any]]</option>
{{#STATE}}
<option value="{{NAME}}"{{#SELECTED}} selected{{/SELECTED}}>{{WORDS}}</option>
{{/STATE}}
</select>
{{#Q_STATE_ERROR}}
<p class="field-error" id="q-state-error">{{TEXT}}</p>
{{/Q_STATE_ERROR}}
</div>
<div class="field{{#Q_FROM_ERROR}} invalid{{/Q_FROM_ERROR}}">
<label for="q-from">[[Opened from (date)]]</label>
<input type="date" id="q-from" name="from" value="{{Q_FROM}}"
{{#Q_FROM_ERROR}} aria-invalid="true" aria-describedby="q-from-error"{{/Q_FROM_ERROR}}>
{{#Q_FROM_ERROR}}
<p class="field-error" id="q-from-error">{{TEXT}}</p>
{{/Q_FROM_ERROR}}
</div>
<div class="field{{#Q_TO_ERROR}} invalid{{/Q_TO_ERROR}}">
<label for="q-to">[[Opened until (date)]]</label>
<input type="date" id="q-to" name="to" value="{{Q_TO}}"
{{#Q_TO_ERROR}} aria-invalid="true" aria-describedby="q-to-error"{{/Q_TO_ERROR}}>
{{#Q_TO_ERROR}}
<p class="field-error" id="q-to-error">{{TEXT}}</p>
{{/Q_TO_ERROR}}
</div>
<p><button type="submit" class="button primary">[[Search]]</button></p>
</form>
{{#NONE}}
<p class="empty card">[[No case matches.]]</p>
{{/NONE}}
{{#HAS_CASES}}
<table class="queue found">
<thead>
<tr>
<th scope="col">[[Case]]</th>
<th scope="col">[[Buyer]]</th>
<th scope="col">[[Shop]]</th>
<th scope="col">[[State]]</th>
<th scope="col" class="num">[[Amount]]</th>
<th scope="col">[[Opened]]</th>
</tr>
</thead>
<tbody>
{{#CASE}}
<tr>
<td data-label="[[Case]]">
<a href="{{PREFIX}}case/{{ID}}">{{RMA_NO}}</a> <small class="sku">{{ORDER_NO}} · {{TYPE}}</small>
</td>
<td data-label="[[Buyer]]">{{BUYER}}</td>
<td data-label="[[Shop]]">{{SHOP}}</td>
<td data-label="[[State]]"><span class="badge state-{{STATE_KEY}}">{{STATE}}</span></td>
<td class="num" data-label="[[Amount]]">{{CURRENCY}} {{AMOUNT}}</td>
<td data-label="[[Opened]]">{{CREATED}}</td>
</tr>
{{/CASE}}
</tbody>
</table>
{{/HAS_CASES}}
{{#MORE}}
<form method="get" action="{{PREFIX}}search" class="more">
<input type="hidden" name="rma" value="{{Q_RMA}}">
<input type="hidden" name="order" value="{{Q_ORDER}}">
<input type="hidden" name="buyer" value="{{Q_BUYER}}">
<input type="hidden" name="shop" value="{{Q_SHOP}}">
<input type="hidden" name="state" value="{{Q_STATE}}">
<input type="hidden" name="from" value="{{Q_FROM}}">
<input type="hidden" name="to" value="{{Q_TO}}">
<input type="hidden" name="after_at" value="{{AFTER_AT}}">
<input type="hidden" name="after_id" value="{{AFTER_ID}}">
<button type="submit" class="button">[[Older cases]]</button>
</form>
{{/MORE}}
