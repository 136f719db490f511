/** Keyboard navigation of the expert's scoring list: pure reducer, key mapping and filtering (tested). */
import type { ScoreValue } from '@engine/contract/index';
import type { RequirementRow } from '../../engine/live';

export interface NavState {
  /** Ids of the rows currently shown (after filtering), in order. */
  visible: readonly string[];
  /** Index into `visible`; −1 when nothing is shown. */
  cursor: number;
}

export type NavAction =
  | { type: 'move'; delta: number }
  | { type: 'goto'; index: number }
  | { type: 'first' }
  | { type: 'last' }
  /** New visible list (filter changed): keep the same requirement when it is still shown. */
  | { type: 'setVisible'; visible: readonly string[] };

const clamp = (i: number, n: number) => (n === 0 ? -1 : Math.min(n - 1, Math.max(0, i)));

export function navReducer(state: NavState, action: NavAction): NavState {
  const n = state.visible.length;
  switch (action.type) {
    case 'move':
      return { ...state, cursor: clamp((state.cursor < 0 ? 0 : state.cursor) + action.delta, n) };
    case 'goto':
      return { ...state, cursor: clamp(action.index, n) };
    case 'first':
      return { ...state, cursor: clamp(0, n) };
    case 'last':
      return { ...state, cursor: clamp(n - 1, n) };
    case 'setVisible': {
      const currentId = state.cursor >= 0 ? state.visible[state.cursor] : undefined;
      const kept = currentId === undefined ? -1 : action.visible.indexOf(currentId);
      return {
        visible: action.visible,
        cursor:
          kept >= 0 ? kept : clamp(Math.min(state.cursor, action.visible.length - 1), action.visible.length),
      };
    }
  }
}

export type KeyCommand =
  | { type: 'grade'; value: ScoreValue }
  | { type: 'move'; delta: number }
  | { type: 'first' }
  | { type: 'last' }
  | { type: 'focusFilter' }
  | { type: 'focusNote' }
  | { type: 'blur' };

export interface KeyInput {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  /** The event target is a text field (input, textarea, contenteditable). */
  inTextField: boolean;
}

const GRADE_KEYS: Record<string, ScoreValue> = { '1': '1', '2': '0.8', '3': '0.5', '4': '0' };

/** Maps a keydown to a command; null = not ours (let the browser handle it). */
export function keyToCommand(e: KeyInput): KeyCommand | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  if (e.inTextField) return e.key === 'Escape' ? { type: 'blur' } : null;
  const grade = GRADE_KEYS[e.key];
  if (grade) return { type: 'grade', value: grade };
  switch (e.key) {
    case 'j':
    case 'ArrowDown':
      return { type: 'move', delta: 1 };
    case 'k':
    case 'ArrowUp':
      return { type: 'move', delta: -1 };
    case 'PageDown':
      return { type: 'move', delta: 10 };
    case 'PageUp':
      return { type: 'move', delta: -10 };
    case 'Home':
    case 'g':
      return { type: 'first' };
    case 'End':
    case 'G':
      return { type: 'last' };
    case '/':
      return { type: 'focusFilter' };
    case 'r':
      return { type: 'focusNote' };
    default:
      return null;
  }
}

export type ScoredFilter = 'all' | 'unscored' | 'scored';

/** Rows matching the text query (id, text, sub-domain, examples), the scored filter and the level. */
export function filterRows(
  rows: readonly RequirementRow[],
  query: string,
  scored: ScoredFilter,
  isScored: (id: string) => boolean,
  level?: string,
): string[] {
  const q = query.trim().toLowerCase();
  const out: string[] = [];
  for (const r of rows) {
    if (scored === 'unscored' && isScored(r.id)) continue;
    if (scored === 'scored' && !isScored(r.id)) continue;
    if (level && r.level !== level) continue;
    if (
      q &&
      !r.id.toLowerCase().includes(q) &&
      !r.text.toLowerCase().includes(q) &&
      !r.unitName.toLowerCase().includes(q) &&
      !r.domainName.toLowerCase().includes(q)
    )
      continue;
    out.push(r.id);
  }
  return out;
}
