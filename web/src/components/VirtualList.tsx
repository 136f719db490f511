import { useEffect, useRef, useState, type ReactNode } from 'react';

/** A fixed-row-height virtual list: renders only the rows in view (+ overscan); keeps `activeIndex` visible. */
export function VirtualList({
  count,
  rowHeight,
  height,
  activeIndex,
  renderRow,
  overscan = 8,
  testId,
  label,
}: {
  count: number;
  rowHeight: number;
  height: number;
  activeIndex: number;
  renderRow: (index: number) => ReactNode;
  overscan?: number;
  testId?: string;
  /** The accessible name of the scrolling list (keyboard users reach it with Tab). */
  label?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el || activeIndex < 0) return;
    const top = activeIndex * rowHeight;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + rowHeight > el.scrollTop + height) el.scrollTop = top + rowHeight - height;
  }, [activeIndex, rowHeight, height]);
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((scrollTop + height) / rowHeight) + overscan);
  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++) {
    rows.push(
      <div key={i} style={{ position: 'absolute', top: i * rowHeight, left: 0, right: 0, height: rowHeight }}>
        {renderRow(i)}
      </div>,
    );
  }
  return (
    <div
      ref={ref}
      data-testid={testId}
      tabIndex={0}
      role="region"
      aria-label={label}
      style={{
        height,
        overflowY: 'auto',
        position: 'relative',
        border: '1px solid #f0f0f0',
        borderRadius: 4,
      }}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      <div style={{ height: count * rowHeight, position: 'relative' }}>{rows}</div>
    </div>
  );
}
