import { fmt } from '../i18n/format.ts';
import { type MessageKey, t } from '../i18n/i18n.ts';
import { LAYER_IDS, type LayerId, type LayerSetting } from '../state/view_state.ts';
import { el } from '../ui/dom.ts';

/** A small key of what each layer looks like (CSS classes in style.css). */
const KEYS: Record<LayerId, string> = {
  communes: 'key-communes',
  hillshade: 'key-hillshade',
  sites: 'key-sites',
  footprints: 'key-footprints',
  postal: 'key-postal',
  serviceCircles: 'key-service',
  fiber: 'key-fiber',
  villages: 'key-villages',
  speedtests: 'key-speedtests',
  gaps: 'key-gaps',
  beyond: 'key-beyond',
};

/**
 * One row per map layer: a checkbox to show it, its key, and an opacity slider (0–100 %). Both are
 * native inputs, so they work with the keyboard.
 */
export function renderLayerControls(
  container: HTMLElement,
  layers: Readonly<Record<LayerId, LayerSetting>>,
  available: (id: LayerId) => boolean,
  onChange: (id: LayerId, setting: LayerSetting) => void,
): void {
  const list = el('ul', { className: 'layer-list' });
  for (const id of LAYER_IDS) {
    const s = layers[id];
    const check = el('input', { attrs: { type: 'checkbox', id: `layer-${id}` } });
    check.checked = s.visible;
    check.disabled = !available(id);
    const name = t(`layer.${id}` as MessageKey);
    const range = el('input', {
      className: 'opacity',
      attrs: {
        type: 'range',
        min: '0',
        max: '100',
        step: '5',
        id: `opacity-${id}`,
        'aria-label': t('layers.opacityOf', { layer: name }),
      },
    });
    range.value = String(Math.round(s.opacity * 100));
    range.title = fmt.percent(s.opacity * 100, 0);
    check.addEventListener('change', () => onChange(id, { visible: check.checked, opacity: s.opacity }));
    range.addEventListener('input', () => {
      range.title = fmt.percent(Number(range.value), 0);
      onChange(id, { visible: check.checked, opacity: Number(range.value) / 100 });
    });
    const label = el('label', { attrs: { for: `layer-${id}` } }, [
      el('span', { className: `layer-key ${KEYS[id]}`, attrs: { 'aria-hidden': 'true' } }),
      el('span', { text: available(id) ? name : `${name} (${t('layers.noData')})` }),
    ]);
    list.append(el('li', { dataset: { layer: id } }, [check, label, range]));
  }
  container.replaceChildren(
    el('h3', { text: t('layers.title') }),
    list,
    el('p', { className: 'muted', text: t('layers.clusterNote') }),
  );
}
