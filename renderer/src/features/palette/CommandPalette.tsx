import { useMemo, useState } from 'react';
import { useApp } from '../../stores/appStore';
import { useProfiles } from '../../stores/profilesStore';
import { useSchema } from '../../stores/schemaStore';

interface Command {
  label: string;
  run(): void;
}

/** Cmd/Ctrl+K: jump to any table, profile or screen by typing part of its name. */
export function CommandPalette() {
  const { paletteOpen, setPaletteOpen, profileId, openTable, openProfile, show } = useApp();
  const profiles = useProfiles((s) => s.profiles);
  const schema = useSchema((s) => (profileId ? s.byProfile[profileId] : undefined));
  const [text, setText] = useState('');
  const [index, setIndex] = useState(0);
  const commands = useMemo<Command[]>(() => {
    const list: Command[] = [];
    for (const base of schema?.bases ?? []) {
      for (const table of base.tables) {
        list.push({ label: `Open ${base.name} › ${table.name}`, run: () => openTable(base.id, table.id) });
        list.push({ label: `Fields of ${base.name} › ${table.name}`, run: () => openTable(base.id, table.id, 'schema') });
      }
    }
    for (const p of profiles) list.push({ label: `Switch to profile ${p.name}`, run: () => openProfile(p.id) });
    list.push({ label: 'Bases & sync', run: () => show('bases') }, { label: 'Outbox and conflicts', run: () => show('outbox') }, { label: 'Profiles', run: () => show('profiles') });
    return list;
  }, [schema, profiles, openTable, openProfile, show]);
  if (!paletteOpen) return null;
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  const matches = commands.filter((c) => words.every((w) => c.label.toLowerCase().includes(w))).slice(0, 12);
  const close = () => {
    setPaletteOpen(false);
    setText('');
    setIndex(0);
  };
  const choose = (command: Command | undefined) => {
    if (!command) return;
    close();
    command.run();
  };
  return (
    <div className="palette-backdrop" onClick={close}>
      <div className="palette" role="dialog" aria-modal="true" aria-label="Command palette" onClick={(e) => e.stopPropagation()}>
        <input
          autoFocus
          aria-label="Command"
          placeholder="Type a table, profile or screen…"
          value={text}
          onChange={(e) => (setText(e.target.value), setIndex(0))}
          onKeyDown={(e) => {
            if (e.key === 'Escape') close();
            else if (e.key === 'ArrowDown') setIndex(Math.min(matches.length - 1, index + 1));
            else if (e.key === 'ArrowUp') setIndex(Math.max(0, index - 1));
            else if (e.key === 'Enter') choose(matches[index]);
          }}
        />
        <ul role="listbox" aria-label="Commands">
          {matches.map((c, i) => (
            <li key={c.label} role="option" aria-selected={i === index} className={i === index ? 'active' : ''} onClick={() => choose(c)}>
              {c.label}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
