// The Plotly build the pages draw with: only the trace types our charts use (scatter, which also
// draws the map; bar, box and sankey) and the Dutch locale. A third of the size of Plotly's full build,
// which the browser otherwise parses before the first chart.
'use strict';
var Plotly = require('plotly.js/lib/core');
Plotly.register([
    require('plotly.js/lib/bar'),
    require('plotly.js/lib/box'),
    require('plotly.js/lib/sankey'),
    require('plotly.js/lib/locales/nl'),
]);
module.exports = Plotly;
