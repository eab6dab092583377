{{%AUTOESCAPE context="HTML"}}
<div class="case-grid review">
<section class="card buyer-history">
<h2>[[The buyer with your shop]]</h2>
<dl class="facts">
<dt>[[Orders]]</dt><dd class="h-orders">{{H_ORDERS}}</dd>
<dt>[[Cases]]</dt><dd class="h-cases">{{H_CASES}}{{#H_REPEAT}}
<b class="overdue">[[more than this one]]</b>{{/H_REPEAT}}</dd>
<dt>[[Open cases]]</dt><dd class="h-open">{{H_OPEN}}</dd>
<dt>[[Refunded]]</dt><dd class="h-refunded">{{H_REFUNDED}} · {{CURRENCY}} {{H_AMOUNT}}</dd>
<dt>[[Refund rate]]</dt><dd class="h-rate">{{H_RATE}} <small>([[refunded cases per order]])</small></dd>
</dl>
</section>
<section class="card order-facts">
<h2>[[The order]]</h2>
<dl class="facts">
<dt>[[Paid]]</dt><dd class="o-paid">{{PAID}}</dd>
<dt>[[Shipped]]</dt><dd class="o-shipped">{{SHIPPED}}</dd>
<dt>[[Delivered]]</dt><dd class="o-delivered">{{DELIVERED}}</dd>
<dt>[[Outbound parcel]]</dt>
<dd class="o-parcel">{{#PARCEL}}{{CARRIER}} {{WAYBILL}}{{/PARCEL}}{{#NO_PARCEL}}—{{/NO_PARCEL}}</dd>
</dl>
</section>
<section class="card policy-rule">
<h2>[[The policy's rule for this reason]]</h2>
<dl class="facts">
<dt>[[Allowed]]</dt><dd>{{TYPES}}</dd>
<dt>[[Photos]]</dt><dd>{{EVIDENCE}}</dd>
<dt>[[Return shipping paid by]]</dt><dd>{{PAYER}}</dd>
<dt>[[Window]]</dt><dd>{{WINDOW}}</dd>
<dt>[[Fast refund]]</dt><dd>{{FAST}}</dd>
</dl>
<p class="muted rule-deadline">{{RESPONSE}}</p>
</section>
</div>
