{{%AUTOESCAPE context="HTML"}}
<h1>[[Shop platform connections]]</h1>
<p class="lead">
[[API keys of the shops and the endpoints that receive case events. A key or a secret is shown once, when it is made; only its hash is kept for a key.]]
</p>
{{#NEW_SECRET}}
<section class="card" role="status">
<h2>{{WHAT}}</h2>
<p>[[Copy it now: it will not be shown again.]]</p>
<p><code class="secret">{{VALUE}}</code></p>
</section>
{{/NEW_SECRET}}
{{#FORM_ERROR}}
<p class="field-error" role="alert">{{TEXT}}</p>
{{/FORM_ERROR}}
<section class="card">
<h2>[[API keys]]</h2>
{{#KEYS_TABLE}}
<table class="queue keys">
<thead>
<tr>
<th scope="col">[[Key]]</th>
<th scope="col">[[Shop]]</th>
<th scope="col">[[Acts as]]</th>
<th scope="col">[[Label]]</th>
<th scope="col" class="num">[[Requests per minute]]</th>
<th scope="col">[[Created]]</th>
<th scope="col">[[State]]</th>
</tr>
</thead>
<tbody>
{{#KEY}}
<tr>
<td data-label="[[Key]]"><code>{{PREFIX_CHARS}}…</code></td>
<td data-label="[[Shop]]">{{SHOP}}</td>
<td data-label="[[Acts as]]">{{LOGIN}}</td>
<td data-label="[[Label]]">{{LABEL}}</td>
<td class="num" data-label="[[Requests per minute]]">{{RATE}}</td>
<td data-label="[[Created]]">{{CREATED}}</td>
<td data-label="[[State]]">{{#REVOKED}}[[Revoked]]{{/REVOKED}}{{#ACTIVE}}
<form method="post" action="{{PREFIX}}integrations/key/{{ID}}/revoke" class="inline">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit" class="button">[[Revoke]]</button>
</form>{{/ACTIVE}}</td>
</tr>
{{/KEY}}
</tbody>
</table>
{{/KEYS_TABLE}}
{{#NONE_KEYS_TABLE}}
<p>[[None yet.]]</p>
{{/NONE_KEYS_TABLE}}
</section>
<form method="post" action="{{PREFIX}}integrations/key" class="card request" novalidate>
<h2>[[New API key]]</h2>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field">
<label for="k-login">[[Seller login the key acts as]]</label>
<input type="text" id="k-login" name="login" maxlength="64" required>
</div>
<div class="field">
<label for="k-label">[[What the key is for]]</label>
<input type="text" id="k-label" name="label" maxlength="100" required>
</div>
<div class="field">
<label for="k-rate">[[Requests per minute]]</label>
<input type="number" id="k-rate" name="rate" min="1" max="100000" value="120">
</div>
<button type="submit" class="button primary">[[Create the key]]</button>
</form>
<section class="card">
<h2>[[Webhook endpoints]]</h2>
{{#ENDPOINTS_TABLE}}
<table class="queue endpoints">
<thead>
<tr>
<th scope="col">[[Endpoint]]</th>
<th scope="col">[[Shop]]</th>
<th scope="col">[[URL]]</th>
<th scope="col">[[Events]]</th>
<th scope="col" class="num">[[Pending]]</th>
<th scope="col" class="num">[[Delivered]]</th>
<th scope="col" class="num">[[Failed]]</th>
</tr>
</thead>
<tbody>
{{#ENDPOINT}}
<tr>
<td data-label="[[Endpoint]]">{{ID}}{{#DISABLED}} ([[disabled]]){{/DISABLED}}</td>
<td data-label="[[Shop]]">{{SHOP}}</td>
<td data-label="[[URL]]">{{URL}}</td>
<td data-label="[[Events]]">{{EVENTS}}</td>
<td class="num" data-label="[[Pending]]">{{PENDING}}</td>
<td class="num" data-label="[[Delivered]]">{{DELIVERED}}</td>
<td class="num" data-label="[[Failed]]">{{FAILED}}</td>
</tr>
{{/ENDPOINT}}
</tbody>
</table>
{{/ENDPOINTS_TABLE}}
{{#NONE_ENDPOINTS_TABLE}}
<p>[[None yet.]]</p>
{{/NONE_ENDPOINTS_TABLE}}
</section>
<form method="post" action="{{PREFIX}}integrations/endpoint" class="card request" novalidate>
<h2>[[New webhook endpoint]]</h2>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field">
<label for="e-shop">[[Shop id (see the shops under Accounts; empty: the platform, every shop)]]</label>
<input type="text" id="e-shop" name="shop" value="" inputmode="numeric" maxlength="19">
</div>
<div class="field">
<label for="e-url">[[URL]]</label>
<input type="url" id="e-url" name="url" maxlength="512" required>
</div>
<div class="field">
<label for="e-events">[[Event types, comma separated (empty: all)]]</label>
<input type="text" id="e-events" name="events" maxlength="255">
</div>
<button type="submit" class="button primary">[[Register the endpoint]]</button>
</form>
<section class="card">
<h2>[[Latest deliveries]]</h2>
{{#DELIVERIES_TABLE}}
<table class="queue deliveries">
<thead>
<tr>
<th scope="col">[[Delivery]]</th>
<th scope="col">[[Endpoint]]</th>
<th scope="col">[[Event]]</th>
<th scope="col">[[Case]]</th>
<th scope="col">[[State]]</th>
<th scope="col" class="num">[[Attempts]]</th>
<th scope="col">[[Last answer]]</th>
<th scope="col">[[Last attempt]]</th>
</tr>
</thead>
<tbody>
{{#DELIVERY}}
<tr>
<td data-label="[[Delivery]]">{{ID}}</td>
<td data-label="[[Endpoint]]">{{ENDPOINT}}</td>
<td data-label="[[Event]]">{{EVENT}}</td>
<td data-label="[[Case]]">{{RMA}}</td>
<td data-label="[[State]]">{{STATUS}}</td>
<td class="num" data-label="[[Attempts]]">{{ATTEMPTS}}</td>
<td data-label="[[Last answer]]">{{LAST}}</td>
<td data-label="[[Last attempt]]">{{WHEN}}</td>
</tr>
{{/DELIVERY}}
</tbody>
</table>
{{/DELIVERIES_TABLE}}
{{#NONE_DELIVERIES_TABLE}}
<p>[[None yet.]]</p>
{{/NONE_DELIVERIES_TABLE}}
</section>
