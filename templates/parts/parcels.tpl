{{%AUTOESCAPE context="HTML"}}
{{#HAS_PARCELS}}
<section class="card parcels">
<h2>[[Parcels]]</h2>
<ul>
{{#PARCEL}}
<li>{{KIND}}: {{CARRIER}}
{{#LINK}}<a href="{{URL}}" rel="noopener noreferrer" target="_blank">{{WAYBILL}}</a>{{/LINK}}
{{#NO_LINK}}{{WAYBILL}}{{/NO_LINK}}</li>
{{/PARCEL}}
</ul>
</section>
{{/HAS_PARCELS}}
