"""The element that draws a chart on a page: Plotly in the app's own build (static/plotly-meedoen.min.js).

st.plotly_chart loads Plotly's full build (4.7 MB), which the browser parses before the first chart; ours holds
only the trace types the charts use (1.3 MB, built by scripts/plotly/build.sh at the version kaleido uses for
the images). The charts of a page are drawn one after the other, each in its own task, so the first one
appears without waiting for the rest. A click on a point is sent back like st.plotly_chart's selection
(`{"selection": {"points": [...]}}`), for the map.
"""

from __future__ import annotations

import streamlit as st
from plotly.io.json import to_json_plotly

from ..i18n import t

SCRIPT = "app/static/plotly-meedoen.min.js"

_JS = r"""
const EXPAND = {width: 24, height: 24, path: 'M3 3h7v2H5v5H3V3zm11 0h7v7h-2V5h-5V3zM3 14h2v5h5v2H3v-7zm16 5v-5h2v7h-7v-2h5z'};

function plotly(src) {
  // One script for the page, asked for by the first chart.
  if (!window.meedoenPlotly) {
    window.meedoenPlotly = new Promise((resolve, reject) => {
      const s = document.createElement('script');
      s.src = src;
      s.onload = () => resolve(window.Plotly);
      s.onerror = () => { window.meedoenPlotly = null; reject(new Error('Plotly did not load: ' + src)); };
      document.head.appendChild(s);
    });
  }
  return window.meedoenPlotly;
}

// Charts are drawn in turn, each in a task of its own, so the browser shows the first before drawing the next.
function inTurn(job) {
  const turn = (window.meedoenTurn || Promise.resolve()).then(job).catch((e) => console.error(e))
    .then(() => new Promise((resolve) => setTimeout(resolve, 0)));
  window.meedoenTurn = turn;
  return turn;
}

export default function (component) {
  const { data, parentElement } = component;
  const box = parentElement.querySelector('.meedoen-chart');
  const spec = JSON.parse(new TextDecoder().decode(data));
  box.setAttribute('aria-label', spec.label || '');
  if (spec.stretch) box.classList.add('meedoen-stretch');
  // No upload to Plotly's cloud, no box or lasso selection (a map is clicked), and no picture of the screen copy:
  // images come from the chart's "Downloaden" menu, with its title, source and for whom the numbers are.
  const config = Object.assign({showSendToCloud: false, showEditInChartStudio: false,
                                modeBarButtonsToRemove: ['sendDataToCloud', 'select2d', 'lasso2d', 'toImage']},
                               spec.config);
  if (spec.fullscreen) {
    config.modeBarButtonsToAdd = [{
      name: 'fullscreen', title: spec.fullscreen, icon: EXPAND,
      click: () => (document.fullscreenElement ? document.exitFullscreen() : box.requestFullscreen()),
    }];
    // Full screen: the chart takes the screen (drawn again at that size), and its own size again after.
    box.onfullscreenchange = () => { if (box.meedoenRedraw) box.meedoenRedraw(); };
  }
  let gone = false;
  // The figure's layout at the box's width: a figure may carry one for narrow screens (layout.meta.narrow:
  // {below: px, layout: {...}}), such as the map's legend under the map on a phone.
  const narrow = ((spec.figure.layout || {}).meta || {}).narrow;
  const isNarrow = () => !!narrow && box.clientWidth < narrow.below;
  const layoutNow = () => {
    const layout = Object.assign({}, spec.figure.layout, isNarrow() ? narrow.layout : {});
    if (spec.stretch) delete layout.height;  // the figure's height is its least; the container's decides
    if (document.fullscreenElement === box) layout.height = window.innerHeight - 32;
    return layout;
  };
  inTurn(() => plotly(spec.src).then((Plotly) => {
    if (gone) return;
    box.querySelectorAll(':scope > .meedoen-failed').forEach((e) => e.remove());
    // Drawn again with the layout for the box's width now; Plotly.react keeps the width it had, so resize after.
    box.meedoenRedraw = () => {
      box.meedoenNarrow = isNarrow();
      const layout = layoutNow();
      return Plotly.react(box, spec.figure.data || [], layout, config).then(() => {
        const css = getComputedStyle(box), drawn = box._fullLayout;
        const off = (a, b) => Math.abs(a - parseFloat(b)) > 1;
        if (off(drawn.width, css.width) || (layout.height === undefined && off(drawn.height, css.height))) {
          return Plotly.Plots.resize(box);
        }
      });
    };
    return box.meedoenRedraw().then(() => {
      // Follow the container (sidebar opened or closed, a slide's height, a phone turned), not only the window.
      box.meedoenSize = [box.clientWidth, box.clientHeight];
      if (!box.meedoenResize) {
        box.meedoenResize = new ResizeObserver(() => {
          const size = [box.clientWidth, box.clientHeight];
          if (!box._fullLayout || (size[0] === box.meedoenSize[0] && size[1] === box.meedoenSize[1])) return;
          box.meedoenSize = size;
          if (box.meedoenNarrow !== isNarrow()) box.meedoenRedraw();
          else Plotly.Plots.resize(box);
        });
        box.meedoenResize.observe(box);
      }
      if (spec.select && !box.meedoenClicks) {
        box.meedoenClicks = true;
        box.on('plotly_click', (ev) => component.setStateValue('select', {selection: {points: ev.points.map((p) => ({
          curve_number: p.curveNumber, point_number: p.pointNumber, point_index: p.pointIndex,
          x: p.x, y: p.y, customdata: p.customdata}))}}));
      }
    });
  }).catch((e) => {
    if (!box.querySelector(':scope > .meedoen-failed')) {
      const note = document.createElement('p');
      note.className = 'meedoen-failed';
      note.textContent = spec.failed;
      box.prepend(note);
    }
    throw e;
  }));
  return () => {
    gone = true;
    if (box.meedoenResize) box.meedoenResize.disconnect();
    box.meedoenResize = null;
    if (window.Plotly) window.Plotly.purge(box);
  };
}
"""

_CSS = """
.meedoen-chart {width: 100%;}
/* On a slide the chart takes its container's height, through the element's own two wrappers. */
.meedoen-chart.meedoen-stretch, div:has(> .meedoen-stretch), div:has(> div > .meedoen-stretch) {height: 100%;}
.meedoen-chart:fullscreen {background: #fff; padding: 1rem;}
"""

_element = st.components.v2.component("meedoen_chart", html='<div class="meedoen-chart" role="figure"></div>',
                                      css=_CSS, js=_JS, isolate_styles=False)


def payload(spec: dict, config: dict, *, label: str = "", fullscreen: str = "", select: bool = False,
            stretch: bool = False) -> bytes:
    """What the element is sent: the figure and its settings as JSON bytes (made once per kept figure by the
    caller: Streamlit then only hashes the bytes on a view, instead of encoding the figure twice).
    `stretch`: the chart takes the height of its container (a slide) instead of the figure's."""
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    # Plotly's own encoder: a figure holds NumPy arrays, dates and NaN (as null).
    return to_json_plotly({"figure": spec, "config": config, "label": label, "fullscreen": fullscreen,
                           "failed": t("chart_failed"),
                           "select": select, "stretch": stretch,
                           "src": "/" + (base + "/" if base else "") + SCRIPT}).encode()


def draw(data: bytes, *, key: str, select: bool = False, stretch: bool = False):
    """Draw a payload; with select, return the clicked points as {"selection": {"points": [...]}} (or None)."""
    height = "stretch" if stretch else "content"
    if not select:
        _element(data=data, key=key, height=height)
        return None
    result = _element(data=data, key=key, height=height, on_select_change=lambda: None)
    return getattr(result, "select", None)

