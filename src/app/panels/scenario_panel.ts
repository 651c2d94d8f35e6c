/**
 * What-if planning controls: the edit mode (add a site, add a postal point, move), the parameters of a
 * new site or point, the inspector of the picked item, undo / redo / reset, the list of changes, and
 * saving, loading and exporting scenarios. "Suggest sites" (site planning, issue 6) has its own slot,
 * #suggest-slot in index.html, below this panel.
 */
import type { PostalType } from '../../core/base/infrastructure.ts';
import { POSTAL_TYPES } from '../../core/base/infrastructure.ts';
import { TECHNOLOGIES } from '../../core/base/types.ts';
import { coordText, fmt } from '../i18n/format.ts';
import { type MessageKey, t } from '../i18n/i18n.ts';
import type { EditMode, NewPostal, NewSite, Picked } from '../state/editor.ts';
import type { Edit, ScenarioFile } from '../state/scenario_edits.ts';
import { button, el, field, selectBox } from '../ui/dom.ts';

export interface ScenarioView {
  mode: EditMode;
  newSite: NewSite;
  newPostal: NewPostal;
  edits: readonly Edit[];
  redoCount: number;
  skipped: readonly number[];
  picked: Picked | null;
  saved: readonly ScenarioFile[];
  saveName: string;
  operators: readonly string[];
  hasPostal: boolean;
  lastUpdate: { totalMs: number; workerMs: number; communes: number } | null;
}

export interface ScenarioActions {
  setMode(mode: EditMode): void;
  /** Changes the new site's parameters (merged with the current ones, never with a drawn copy). */
  setNewSite(patch: Partial<NewSite>): void;
  setNewPostal(patch: Partial<NewPostal>): void;
  addAtCentre(): void;
  movePicked(lon: number, lat: number): void;
  deletePicked(): void;
  undo(): void;
  redo(): void;
  reset(): void;
  setSaveName(name: string): void;
  save(): void;
  load(name: string): void;
  remove(name: string): void;
  exportScenario(): void;
  exportReport(): void;
}

/** One line describing an edit, in the current language. */
function describeEdit(e: Edit): string {
  switch (e.kind) {
    case 'add-site':
      return t('edit.addSite', {
        id: e.site.id,
        op: e.site.operator,
        tech: e.site.technologies.join('+'),
        at: coordText(e.site.lat, e.site.lon),
        radius: e.site.radius_m ? ` · r = ${fmt.int(e.site.radius_m)} m` : '',
      });
    case 'move-site':
      return t('edit.moveSite', { id: e.id, at: coordText(e.to[1], e.to[0]) });
    case 'delete-site':
      return t('edit.deleteSite', { id: e.id });
    case 'add-postal':
      return t('edit.addPostal', {
        id: e.point.id,
        type: t(`postalType.${e.point.type}` as MessageKey),
        at: coordText(e.point.lat, e.point.lon),
      });
    case 'move-postal':
      return t('edit.movePostal', { id: e.id, at: coordText(e.to[1], e.to[0]) });
    case 'delete-postal':
      return t('edit.deletePostal', { id: e.id });
  }
}

function modeButtons(v: ScenarioView, a: ScenarioActions): HTMLElement {
  const mk = (kind: 'browse' | 'add-site' | 'add-postal', label: MessageKey, disabled = false) => {
    const b = button(t(label), () => a.setMode({ kind } as EditMode), {
      className: 'toggle',
      attrs: { id: `mode-${kind}`, 'aria-pressed': String(v.mode.kind === kind) },
    });
    b.disabled = disabled;
    return b;
  };
  return el('div', { className: 'button-row', attrs: { role: 'group', 'aria-label': t('scenario.mode') } }, [
    mk('browse', 'scenario.browse'),
    mk('add-site', 'scenario.addSite'),
    mk('add-postal', 'scenario.addPostal', !v.hasPostal),
  ]);
}

function newSiteForm(v: ScenarioView, a: ScenarioActions): HTMLElement {
  const techs = el('fieldset', { className: 'checks' }, [el('legend', { text: t('scenario.technologies') })]);
  for (const tech of TECHNOLOGIES) {
    const box = el('input', { attrs: { type: 'checkbox', id: `new-tech-${tech}` } });
    box.checked = v.newSite.technologies.includes(tech);
    box.addEventListener('change', () => {
      const set = new Set(v.newSite.technologies);
      if (box.checked) set.add(tech);
      else set.delete(tech);
      a.setNewSite({ technologies: TECHNOLOGIES.filter((x) => set.has(x)) });
    });
    techs.append(el('label', {}, [box, el('span', { text: tech })]));
  }
  const operators = v.operators.length ? v.operators : ['Viettel', 'VNPT', 'MobiFone'];
  const operator = selectBox(
    operators.map((o) => [o, o] as const),
    v.newSite.operator,
    (op) => a.setNewSite({ operator: op }),
    { attrs: { id: 'new-operator' } },
  );
  const radius = el('input', {
    attrs: {
      type: 'number',
      min: '50',
      max: '100000',
      step: '50',
      id: 'new-radius',
      placeholder: t('scenario.radiusDefault'),
    },
  });
  radius.value = v.newSite.radius === null ? '' : String(v.newSite.radius);
  radius.addEventListener('change', () => {
    const r = Number(radius.value);
    a.setNewSite({
      radius: radius.value.trim() === '' || !(r > 0) ? null : Math.min(100_000, r),
    });
  });
  return el('div', { className: 'subform' }, [
    el('h4', { text: t('scenario.newSite') }),
    techs,
    field(t('scenario.operator'), operator),
    field(t('scenario.radius'), radius),
  ]);
}

function newPostalForm(v: ScenarioView, a: ScenarioActions): HTMLElement {
  const type = selectBox(
    POSTAL_TYPES.map((x) => [x, t(`postalType.${x}` as MessageKey)] as const),
    v.newPostal.type,
    (x) => a.setNewPostal({ type: x as PostalType }),
    { attrs: { id: 'new-postal-type' } },
  );
  const flag = (key: 'staffed' | 'internet' | 'online', label: MessageKey) => {
    const box = el('input', { attrs: { type: 'checkbox', id: `new-postal-${key}` } });
    box.checked = v.newPostal[key];
    box.addEventListener('change', () => a.setNewPostal({ [key]: box.checked }));
    return el('label', {}, [box, el('span', { text: t(label) })]);
  };
  return el('div', { className: 'subform' }, [
    el('h4', { text: t('scenario.newPostal') }),
    field(t('scenario.postalType'), type),
    el('div', { className: 'checks' }, [
      flag('staffed', 'scenario.staffed'),
      flag('internet', 'scenario.internet'),
      flag('online', 'scenario.online'),
    ]),
  ]);
}

function inspector(v: ScenarioView, a: ScenarioActions): HTMLElement {
  const p = v.picked;
  if (!p) return el('p', { className: 'muted', text: t('scenario.pickHint') });
  const title =
    p.what === 'site'
      ? t('scenario.pickedSite', {
          id: p.id,
          op: String(p.props.operator ?? ''),
          tech: String(p.props.tech ?? '').replace(/;/g, '+'),
        })
      : t('scenario.pickedPostal', { id: p.id, type: t(`postalType.${String(p.props.type)}` as MessageKey) });
  const lat = el('input', { attrs: { type: 'number', step: '0.0001', id: 'picked-lat' } });
  const lon = el('input', { attrs: { type: 'number', step: '0.0001', id: 'picked-lon' } });
  lat.value = p.lat.toFixed(5);
  lon.value = p.lon.toFixed(5);
  const moving = v.mode.kind === 'move';
  return el('div', { className: 'subform inspector', dataset: { picked: p.id } }, [
    el('h4', { text: title }),
    el('div', { className: 'two' }, [field(t('scenario.lat'), lat), field(t('scenario.lon'), lon)]),
    el('div', { className: 'button-row' }, [
      button(t('scenario.applyCoords'), () => a.movePicked(Number(lon.value), Number(lat.value)), {
        attrs: { id: 'picked-apply' },
      }),
      button(
        moving ? t('scenario.moveCancel') : t('scenario.moveOnMap'),
        () => a.setMode(moving ? { kind: 'browse' } : { kind: 'move', what: p.what, id: p.id }),
        {
          attrs: { id: 'picked-move', 'aria-pressed': String(moving) },
        },
      ),
      button(t('scenario.delete'), a.deletePicked, { className: 'danger', attrs: { id: 'picked-delete' } }),
    ]),
  ]);
}

function changeList(v: ScenarioView): HTMLElement {
  if (v.edits.length === 0)
    return el('p', { className: 'muted', text: t('scenario.noChanges'), attrs: { id: 'change-list' } });
  const skipped = new Set(v.skipped);
  return el(
    'ol',
    { className: 'change-list', attrs: { id: 'change-list' } },
    v.edits.map((e, i) =>
      el('li', { className: skipped.has(i) ? 'skipped' : '', dataset: { kind: e.kind } }, [
        el('span', { text: describeEdit(e) }),
        ...(skipped.has(i)
          ? [el('span', { className: 'badge badge-not_evaluable', text: t('scenario.skipped') })]
          : []),
      ]),
    ),
  );
}

function savedList(v: ScenarioView, a: ScenarioActions): HTMLElement {
  const name = el('input', { attrs: { type: 'text', id: 'scenario-name', maxlength: '80' } });
  name.value = v.saveName;
  name.addEventListener('input', () => a.setSaveName(name.value));
  const save = button(t('scenario.save'), a.save, { attrs: { id: 'scenario-save' } });
  const list = el(
    'ul',
    { className: 'saved-list' },
    v.saved.map((s) =>
      el('li', {}, [
        el('span', {
          text: `${s.name} · ${t('scenario.editsCount', { n: fmt.int(s.edits.length) })} · ${fmt.dateTime(s.saved_at)}`,
        }),
        button(t('scenario.load'), () => a.load(s.name), { className: 'small' }),
        button(t('scenario.remove'), () => a.remove(s.name), { className: 'small danger' }),
      ]),
    ),
  );
  return el('div', {}, [
    el('div', { className: 'inline' }, [field(t('scenario.name'), name), save]),
    v.saved.length ? list : el('p', { className: 'muted', text: t('scenario.noSaved') }),
    el('div', { className: 'button-row' }, [
      button(t('scenario.export'), a.exportScenario, { attrs: { id: 'scenario-export' } }),
      button(t('scenario.exportReport'), a.exportReport, { attrs: { id: 'report-export' } }),
    ]),
  ]);
}

export function renderScenarioPanel(container: HTMLElement, v: ScenarioView, a: ScenarioActions): void {
  const undo = button(t('scenario.undo'), a.undo, {
    attrs: { id: 'undo', 'aria-keyshortcuts': 'Control+Z' },
  });
  undo.disabled = v.edits.length === 0;
  const redo = button(t('scenario.redo'), a.redo, {
    attrs: { id: 'redo', 'aria-keyshortcuts': 'Control+Y' },
  });
  redo.disabled = v.redoCount === 0;
  const reset = button(t('scenario.reset'), a.reset, { attrs: { id: 'reset' } });
  reset.disabled = v.edits.length === 0 && v.redoCount === 0;
  const adding = v.mode.kind === 'add-site' || v.mode.kind === 'add-postal';
  const update = v.lastUpdate
    ? t('scenario.lastUpdate', {
        total: fmt.ms(v.lastUpdate.totalMs),
        worker: fmt.ms(v.lastUpdate.workerMs),
        n: fmt.int(v.lastUpdate.communes),
      })
    : '';
  container.replaceChildren(
    el('p', { className: 'muted', text: t('scenario.intro') }),
    modeButtons(v, a),
    ...(v.mode.kind === 'add-site' ? [newSiteForm(v, a)] : []),
    ...(v.mode.kind === 'add-postal' ? [newPostalForm(v, a)] : []),
    ...(adding
      ? [
          el('p', {
            className: 'hint',
            text: t(v.mode.kind === 'add-site' ? 'scenario.clickToAddSite' : 'scenario.clickToAddPostal'),
          }),
          button(t('scenario.addAtCentre'), a.addAtCentre, { attrs: { id: 'add-at-centre' } }),
        ]
      : []),
    el('h3', { text: t('scenario.picked') }),
    inspector(v, a),
    el('h3', { text: t('scenario.changes', { n: fmt.int(v.edits.length) }) }),
    el('div', { className: 'button-row' }, [undo, redo, reset]),
    changeList(v),
    el('p', { className: 'muted', text: update, attrs: { id: 'update-time', 'aria-live': 'polite' } }),
    el('h3', { text: t('scenario.savedTitle') }),
    savedList(v, a),
  );
}
