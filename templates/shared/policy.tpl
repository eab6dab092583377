{{%AUTOESCAPE context="HTML"}}
<section class="card policy">
<h2>[[Version]] {{VERSION}} <small>[[published]] {{PUBLISHED_AT}}</small></h2>
<div class="policy-text">{{#PARA}}<p>{{TEXT}}</p>
{{/PARA}}</div>
<h3>[[Deadlines]]</h3>
<dl class="facts">
<dt>[[Return window]]</dt><dd>{{RETURN_WINDOW_DAYS}} [[days after delivery]]</dd>
<dt>[[Seller answers a request within]]</dt><dd>{{SELLER_RESPONSE_HOURS}} [[hours, or the request is approved automatically]]</dd>
<dt>[[Buyer answers an offer or a refusal within]]</dt><dd>{{BUYER_RESPONSE_HOURS}} [[hours, or the case closes]]</dd>
<dt>[[Buyer ships goods back within]]</dt><dd>{{BUYER_SHIP_DAYS}} [[days of approval]]</dd>
<dt>[[Seller confirms receipt within]]</dt><dd>{{SELLER_RECEIVE_DAYS}} [[days, or receipt is confirmed automatically]]</dd>
<dt>[[Seller ships a replacement within]]</dt><dd>{{SELLER_RESHIP_DAYS}} [[days, or the exchange becomes a refund]]</dd>
<dt>[[Buyer may escalate a refusal within]]</dt><dd>{{ESCALATION_DAYS}} [[days]]</dd>
<dt>[[Platform rules on an escalation within]]</dt><dd>{{PLATFORM_RULING_DAYS}} [[days]]</dd>
<dt>[[Requests per order line]]</dt><dd>[[at most]] {{MAX_ATTEMPTS}}</dd>
<dt>[[Photos]]</dt><dd>[[up to]] {{EVIDENCE_MAX_FILES}} [[files of]] {{EVIDENCE_MAX_MB}} [[MB each (JPEG, PNG or WebP)]]</dd>
{{#FAST_TRACK}}<dt>[[Fast refund]]</dt><dd>[[refund-only requests up to]] {{FAST_TRACK_MAX}} [[are approved at once for buyers with fewer than]] {{FAST_TRACK_RECENT}} [[refunds in]] {{FAST_TRACK_DAYS}} [[days]]</dd>{{/FAST_TRACK}}
</dl>
<h3>[[Reasons]]</h3>
<table class="reasons">
<thead><tr><th scope="col">[[Reason]]</th><th scope="col">[[Allowed for]]</th><th scope="col">[[Photos]]</th><th scope="col">[[Return shipping paid by]]</th></tr></thead>
<tbody>
{{#REASON}}<tr><td data-label="[[Reason]]"><b>{{LABEL}}</b> <span class="muted">{{LABEL_OTHER}}</span><br><small>{{EXPLAIN}}</small></td><td data-label="[[Allowed for]]">{{TYPES}}</td><td data-label="[[Photos]]">{{EVIDENCE}}</td><td data-label="[[Shipping paid by]]">{{PAYER}}</td></tr>
{{/REASON}}</tbody>
</table>
</section>
