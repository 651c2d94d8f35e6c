/** Settings: the language and the optional online basemap (off by default: the app is offline). */
import { button, el, field } from './dom.ts';
import { t } from './i18n.ts';
import type { Basemap, Lang } from './view_state.ts';

export interface SettingsActions {
  setLang(lang: Lang): void;
  setBasemap(basemap: Basemap): void;
}

export function renderSettingsPanel(
  container: HTMLElement,
  lang: Lang,
  basemap: Basemap,
  a: SettingsActions,
): void {
  const langGroup = el('fieldset', { className: 'radios' }, [el('legend', { text: t('settings.language') })]);
  for (const [value, label] of [
    ['vi', 'Tiếng Việt'],
    ['en', 'English'],
  ] as const) {
    const r = el('input', { attrs: { type: 'radio', name: 'lang', id: `settings-lang-${value}`, value } });
    r.checked = lang === value;
    r.addEventListener('change', () => a.setLang(value));
    langGroup.append(el('label', {}, [r, el('span', { text: label, attrs: { lang: value } })]));
  }
  const group = el('fieldset', { className: 'radios' }, [el('legend', { text: t('settings.basemap') })]);
  const url = el('input', {
    attrs: { type: 'url', id: 'basemap-url', placeholder: 'https://…/style.json', spellcheck: 'false' },
  });
  url.value = basemap.kind === 'style' ? basemap.url : '';
  const choose = (kind: Basemap['kind']) => {
    if (kind === 'style') {
      if (/^https:\/\//.test(url.value.trim())) a.setBasemap({ kind: 'style', url: url.value.trim() });
      else url.focus();
    } else a.setBasemap(kind === 'osm' ? { kind: 'osm' } : { kind: 'none' });
  };
  for (const [kind, label] of [
    ['none', t('settings.basemapNone')],
    ['osm', t('settings.basemapOsm')],
    ['style', t('settings.basemapStyle')],
  ] as const) {
    const r = el('input', { attrs: { type: 'radio', name: 'basemap', id: `basemap-${kind}`, value: kind } });
    r.checked = basemap.kind === kind;
    r.addEventListener('change', () => choose(kind));
    group.append(el('label', {}, [r, el('span', { text: label })]));
  }
  group.append(
    field(t('settings.styleUrl'), url),
    button(t('settings.apply'), () => choose('style'), { attrs: { id: 'basemap-apply' } }),
  );
  container.replaceChildren(
    langGroup,
    group,
    el('p', { className: 'muted', text: t('settings.onlineNote') }),
  );
}
