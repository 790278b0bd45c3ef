/**
 * The minimap: the whole drawn graph in a corner, with the part on screen framed, so a person
 * zoomed in to read knows where they are; a click or a drag there moves the view. The picture of
 * the nodes is painted once per layout from their positions (cheap: rectangles, no labels); only
 * the frame is repainted when the view moves.
 */
import type { Core } from 'cytoscape';
import { useEffect, useRef, useState, type JSX, type PointerEvent } from 'react';
import { PALETTES } from '../graph/styles';
import { useAppStore } from '../store/app-store';

const WIDTH = 220;
/** The tallest the minimap gets; a wide graph gets a lower one, so no empty band covers the graph. */
const MAX_HEIGHT = 140;
const MIN_HEIGHT = 48;
const PAD = 6;

interface Frame {
  readonly x1: number;
  readonly y1: number;
  readonly scale: number;
}

/** Minimap shows where the view is on the whole graph. */
export function Minimap({ cy, drawnVersion }: { cy: Core; drawnVersion: number }): JSX.Element {
  const theme = useAppStore((s) => s.theme);
  const canvas = useRef<HTMLCanvasElement>(null);
  const picture = useRef<HTMLCanvasElement | undefined>(undefined);
  const frame = useRef<Frame>({ x1: 0, y1: 0, scale: 1 });
  const [height, setHeight] = useState(MAX_HEIGHT);

  useEffect(() => {
    if (cy.destroyed()) return;
    const p = PALETTES[theme];
    const leaves = cy.nodes().filter((n) => !n.isParent());
    let x1 = Infinity;
    let y1 = Infinity;
    let x2 = -Infinity;
    let y2 = -Infinity;
    const boxes: { x: number; y: number; w: number; h: number; fill: string }[] = [];
    leaves.forEach((n) => {
      const pos = n.position();
      const w = Number(n.data('w') ?? 60);
      const h = Number(n.data('h') ?? 30);
      x1 = Math.min(x1, pos.x - w / 2);
      y1 = Math.min(y1, pos.y - h / 2);
      x2 = Math.max(x2, pos.x + w / 2);
      y2 = Math.max(y2, pos.y + h / 2);
      const fill = n.hasClass('main') ? p.main : n.hasClass('overview-group') ? p.groupBorder : n.hasClass('direct') ? p.direct : n.hasClass('lost') ? p.edgeLost : p.border;
      boxes.push({ x: pos.x - w / 2, y: pos.y - h / 2, w, h, fill });
    });
    if (boxes.length === 0) return;
    const HEIGHT = Math.round(Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, ((WIDTH - 2 * PAD) * (y2 - y1)) / Math.max(x2 - x1, 1) + 2 * PAD)));
    setHeight(HEIGHT);
    const scale = Math.min((WIDTH - 2 * PAD) / Math.max(x2 - x1, 1), (HEIGHT - 2 * PAD) / Math.max(y2 - y1, 1));
    frame.current = { x1: x1 - PAD / scale, y1: y1 - PAD / scale, scale };
    const pic = document.createElement('canvas');
    pic.width = WIDTH;
    pic.height = HEIGHT;
    const g = pic.getContext('2d');
    if (!g) return;
    g.fillStyle = p.background;
    g.fillRect(0, 0, WIDTH, HEIGHT);
    for (const b of boxes) {
      g.fillStyle = b.fill;
      g.fillRect(PAD + (b.x - x1) * scale, PAD + (b.y - y1) * scale, Math.max(1, b.w * scale), Math.max(1, b.h * scale));
    }
    picture.current = pic;
    paint();
    // paint reads refs only; redrawing when the layout or theme changes is enough.
  }, [cy, drawnVersion, theme]);

  function paint(): void {
    const c = canvas.current;
    const g = c?.getContext('2d');
    if (!c || !g || !picture.current || cy.destroyed()) return;
    g.drawImage(picture.current, 0, 0);
    const f = frame.current;
    const ext = cy.extent();
    g.strokeStyle = PALETTES[theme].highlight;
    g.lineWidth = 2;
    const x = (ext.x1 - f.x1) * f.scale;
    const y = (ext.y1 - f.y1) * f.scale;
    g.strokeRect(Math.max(1, x), Math.max(1, y), Math.min(WIDTH - 2, ext.w * f.scale), Math.min(c.height - 2, ext.h * f.scale));
  }

  // A new height clears the canvas: paint it again.
  useEffect(() => paint(), [height]);

  useEffect(() => {
    let pending = 0;
    const onViewport = (): void => {
      if (pending) return;
      pending = requestAnimationFrame(() => {
        pending = 0;
        paint();
      });
    };
    cy.on('viewport resize', onViewport);
    return () => {
      cancelAnimationFrame(pending);
      if (!cy.destroyed()) cy.off('viewport resize', onViewport);
    };
  });

  const moveView = (e: PointerEvent<HTMLCanvasElement>): void => {
    if (cy.destroyed()) return;
    const r = e.currentTarget.getBoundingClientRect();
    const f = frame.current;
    const mx = f.x1 + (e.clientX - r.left) / f.scale;
    const my = f.y1 + (e.clientY - r.top) / f.scale;
    const z = cy.zoom();
    cy.stop();
    cy.pan({ x: cy.width() / 2 - mx * z, y: cy.height() / 2 - my * z });
  };

  return (
    <canvas
      ref={canvas}
      className="minimap"
      data-testid="minimap"
      width={WIDTH}
      height={height}
      aria-label="Minimap: the whole graph, with the part on screen framed. Click or drag to move there."
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        moveView(e);
      }}
      onPointerMove={(e) => {
        if (e.buttons === 1) moveView(e);
      }}
    />
  );
}
