"""What a browser test measures on a page: text that runs off the window sideways, text cut off by its
box, and texts in a chart drawn over each other (title, legend, axis titles, ticks, notes, bar labels)."""

LAYOUT = r"""() => {
    const W = document.documentElement.clientWidth;
    const main = document.querySelector('[data-testid=stMain]');
    const label = (e) => {
        const owner = e.closest('[data-testid]');
        return (owner ? owner.dataset.testid : e.tagName) + ' "' + (e.textContent || '').trim().slice(0, 50) + '"';
    };
    const visible = (r) => r.width > 0 && r.height > 0;
    // A box that scrolls sideways (tables, code) may hold wider content: the reader can scroll it.
    const scrolls = (e) => {
        for (let a = e.parentElement; a && a !== main; a = a.parentElement) {
            const o = getComputedStyle(a).overflowX;
            if (o === 'auto' || o === 'scroll') return true;
        }
        return false;
    };
    // 1. Past the right edge of the window.
    const wide = [];
    for (const e of main.querySelectorAll('*')) {
        const r = e.getBoundingClientRect();
        if (!visible(r) || r.right <= W + 1 || getComputedStyle(e).position === 'fixed' || scrolls(e)) continue;
        if (e.closest('.js-plotly-plot')) continue;  // a chart is measured by its own box
        wide.push(label(e) + ' right=' + Math.round(r.right));
    }
    // 2. Text cut off by its own box (ellipsis or hidden overflow).
    const cut = [];
    const texts = main.querySelectorAll('p, h1, h2, h3, label, button, [data-testid=stMetricValue] div, ' +
                                        '[data-testid=stMetricLabel] div, [data-testid=stCaptionContainer]');
    for (const e of texts) {
        const s = getComputedStyle(e);
        if (!['hidden', 'clip'].includes(s.overflowX) && s.textOverflow !== 'ellipsis') continue;
        if (e.scrollWidth > e.clientWidth + 1 && visible(e.getBoundingClientRect()) && !scrolls(e)) cut.push(label(e));
    }
    // 3. Texts of a chart drawn over each other.
    const overlap = [];
    const kinds = [['title', '.g-gtitle text'], ['legend', '.legendtext'], ['xtitle', '.g-xtitle text, .g-x2title text'],
                   ['ytitle', '.g-ytitle text, .g-y2title text, .g-y3title text'], ['note', '.annotation-text'],
                   ['xtick', '.xtick text'], ['ytick', '.ytick text'], ['bar', '.bartext']];
    main.querySelectorAll('.js-plotly-plot').forEach((chart, n) => {
        const box = chart.getBoundingClientRect();
        const items = [];
        for (const [kind, sel] of kinds) {
            chart.querySelectorAll(sel).forEach((e) => {
                const r = e.getBoundingClientRect();
                if (visible(r) && (e.textContent || '').trim()) items.push({kind, r, text: e.textContent.trim().slice(0, 40)});
            });
        }
        for (const it of items) {
            // Past the chart's own box: cut off.
            if (it.r.left < box.left - 2 || it.r.right > box.right + 2 || it.r.top < box.top - 2 || it.r.bottom > box.bottom + 2)
                overlap.push('chart ' + n + ': ' + it.kind + ' "' + it.text + '" outside the chart');
        }
        for (let i = 0; i < items.length; i++) for (let j = i + 1; j < items.length; j++) {
            const a = items[i], b = items[j];
            if (a.kind === b.kind && a.kind !== 'note' && a.kind !== 'bar') continue;  // ticks among themselves: Plotly's own
            const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
            const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
            if (w > 3 && h > 3) overlap.push('chart ' + n + ': ' + a.kind + ' "' + a.text + '" over ' + b.kind + ' "' + b.text + '"');
        }
    });
    return {width: W, scrollWidth: document.scrollingElement.scrollWidth, wide: wide.slice(0, 10), cut: cut.slice(0, 10),
            overlap: overlap.slice(0, 20)};
}"""
