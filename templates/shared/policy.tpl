{{%AUTOESCAPE context="HTML"}}
<section class="card policy">
<h2>{{VERSION}} <small>{{PUBLISHED}}</small></h2>
<div class="policy-text">
{{#PARA}}
<p>{{TEXT}}</p>
{{/PARA}}
</div>
<h3>[[Deadlines]]</h3>
<dl class="facts">
<dt>[[Return window]]</dt>
<dd>{{RETURN_WINDOW}}</dd>
<dt>[[Seller answers a request within]]</dt>
<dd>{{SELLER_RESPONSE}}</dd>
<dt>[[Buyer answers an offer or a refusal within]]</dt>
<dd>{{BUYER_RESPONSE}}</dd>
<dt>[[Buyer ships goods back within]]</dt>
<dd>{{BUYER_SHIP}}</dd>
<dt>[[Seller confirms receipt within]]</dt>
<dd>{{SELLER_RECEIVE}}</dd>
<dt>[[Seller ships a replacement within]]</dt>
<dd>{{SELLER_RESHIP}}</dd>
<dt>[[Buyer may escalate a refusal within]]</dt>
<dd>{{ESCALATION}}</dd>
<dt>[[Platform rules on an escalation within]]</dt>
<dd>{{PLATFORM_RULING}}</dd>
<dt>[[A side the platform asks for more evidence answers within]]</dt>
<dd>{{EVIDENCE_REQUEST}}</dd>
<dt>[[Requests per order line]]</dt>
<dd>{{MAX_ATTEMPTS}}</dd>
<dt>[[Photos]]</dt>
<dd>{{PHOTOS}}</dd>
{{#FAST_TRACK}}
<dt>[[Fast refund]]</dt>
<dd>{{TEXT}}</dd>
{{/FAST_TRACK}}
</dl>
<h3>[[Reasons]]</h3>
<table class="reasons">
<thead>
<tr>
<th scope="col">[[Reason]]</th>
<th scope="col">[[Allowed for]]</th>
<th scope="col">[[Photos]]</th>
<th scope="col">[[Return shipping paid by]]</th>
</tr>
</thead>
<tbody>
{{#REASON}}
<tr>
<td data-label="[[Reason]]">
<b>{{LABEL}}</b>{{#OTHER}} <span class="muted">{{TEXT}}</span>{{/OTHER}}<br>
<small>{{EXPLAIN}}</small>
</td>
<td data-label="[[Allowed for]]">{{TYPES}}</td>
<td data-label="[[Photos]]">{{EVIDENCE}}</td>
<td data-label="[[Shipping paid by]]">{{PAYER}}</td>
</tr>
{{/REASON}}
</tbody>
</table>
</section>
