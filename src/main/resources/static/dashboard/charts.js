// Per-epoch charts drawn with uPlot (served from the jar as a WebJar).

const HEIGHT = 200;

// Colours with at least 4.5:1 contrast on white; the second series of a chart is also dashed,
// so the two lines differ without colour.
export const CHARTS = {
  loss: [
    { label: 'D loss', key: 'discriminatorLoss', stroke: '#0b57d0' },
    { label: 'G loss', key: 'generatorLoss', stroke: '#b3261e', dash: [6, 4] },
  ],
  scores: [
    { label: 'D(x)', key: 'realScore', stroke: '#146c2e' },
    { label: 'D(G(z))', key: 'fakeScore', stroke: '#8a4b00', dash: [6, 4] },
  ],
  quality: [{ label: 'fid', key: 'fid', stroke: '#6b3fa0' }],
};

function present(value) {
  return value !== null && value !== undefined && Number.isFinite(value);
}

/** One chart of some history fields against the epoch. */
export class EpochChart {
  constructor(host, series) {
    this.host = host;
    this.series = series;
    this.plot = null;
    this.lastEpoch = 1;
    new ResizeObserver(() => this.fit()).observe(host);
  }

  /** Draws the history; answers whether it had any value to draw. */
  show(history, epochs) {
    const columns = this.series.map((s) =>
      history.map((entry) => (present(entry[s.key]) ? entry[s.key] : null)),
    );
    const any = columns.some((column) => column.some(present));
    this.host.hidden = !any;
    this.lastEpoch = Math.max(2, epochs || 1, history.length);
    if (!any) {
      this.destroy();
      return false;
    }
    const data = [history.map((entry) => entry.epoch), ...columns];
    if (this.plot) {
      this.plot.setData(data);
    } else {
      this.plot = new uPlot(this.options(), data, this.host);
    }
    return true;
  }

  options() {
    return {
      width: Math.max(200, this.host.clientWidth),
      height: HEIGHT,
      scales: {
        x: { time: false, range: () => [1, this.lastEpoch] },
      },
      axes: [
        { label: 'epoch', incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500], stroke: '#3c4043' },
        { stroke: '#3c4043' },
      ],
      cursor: { drag: { x: false, y: false } },
      // The legend names the lines; the table under the charts has every value.
      legend: { live: false },
      series: [
        { label: 'epoch' },
        ...this.series.map((s) => ({
          label: s.label,
          stroke: s.stroke,
          width: 2,
          dash: s.dash,
          spanGaps: true,
          points: { show: true, size: 6 },
        })),
      ],
    };
  }

  fit() {
    if (this.plot && this.host.clientWidth > 0) {
      this.plot.setSize({ width: this.host.clientWidth, height: HEIGHT });
    }
  }

  destroy() {
    if (this.plot) {
      this.plot.destroy();
      this.plot = null;
    }
  }
}
