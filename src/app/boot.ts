/**
 * The first script of the page: starts the worker, IndexedDB and the sample's analysis
 * (early_start.ts), then loads the app itself (main.ts, with the map), which picks them up.
 */
import './style.css';
import './early_start.ts';

// The app: its chunk (MapLibre, d3, the UI) is fetched and compiled while the worker already works.
import('./main.ts').catch((error: unknown) => {
  document.body.dataset.state = 'failed';
  console.error(error);
});
