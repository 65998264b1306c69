// The options of one item, in a modal dialog: each modifier group with its rule (required, how
// many), quantity and a note for the kitchen. "Add" refuses a choice that breaks a group's rule
// and says which; the database checks the same rules again when the order is placed.
import { useEffect, useRef, useState } from 'react';
import type { MenuGroup, MenuItem } from '../../data/pos.server.ts';
import { groupProblem, groupRule } from './modifier-rules.ts';

export interface PickedLine {
  item_id: string;
  name: string;
  quantity: number;
  option_ids: string[];
  option_names: string[];
  note: string | null;
}

interface Props {
  item: MenuItem;
  money: (minor: number) => string;
  onAdd: (line: PickedLine) => void;
  onClose: () => void;
}

export function ItemPicker({ item, money, onAdd, onClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [chosen, setChosen] = useState<Record<string, string[]>>({});
  const [quantity, setQuantity] = useState(1);
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  const toggle = (group: MenuGroup, optionId: string) => {
    setChosen((current) => {
      const list = current[group.id] ?? [];
      let next: string[];
      if (list.includes(optionId)) next = list.filter((id) => id !== optionId);
      else if (group.max_choices === 1) next = [optionId];
      else if (list.length >= group.max_choices) next = list;
      else next = [...list, optionId];
      return { ...current, [group.id]: next };
    });
    setProblems((current) => {
      const { [group.id]: _cleared, ...rest } = current;
      return rest;
    });
  };

  const add = () => {
    const found: Record<string, string> = {};
    for (const group of item.groups) {
      const problem = groupProblem(group, chosen[group.id]?.length ?? 0);
      if (problem) found[group.id] = problem;
    }
    setProblems(found);
    const first = item.groups.find((group) => found[group.id]);
    if (first) {
      dialog.current?.querySelector<HTMLInputElement>(`[name="group-${first.id}"]`)?.focus();
      return;
    }
    const options = item.groups.flatMap((group) =>
      group.options.filter((option) => chosen[group.id]?.includes(option.id)),
    );
    onAdd({
      item_id: item.id,
      name: item.name,
      quantity,
      option_ids: options.map((option) => option.id),
      option_names: options.map((option) => option.name),
      note: note.trim() || null,
    });
  };

  return (
    <dialog
      ref={dialog}
      className="pos-picker"
      aria-labelledby="pos-picker-title"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id="pos-picker-title">{item.name}</h2>
      <p className="muted">{money(item.price_minor)} each, before options</p>
      {item.groups.map((group) => {
        const list = chosen[group.id] ?? [];
        const problemId = `pos-problem-${group.id}`;
        const single = group.max_choices === 1;
        return (
          <fieldset
            key={group.id}
            className="pos-group"
            aria-describedby={problems[group.id] ? problemId : undefined}
            aria-invalid={problems[group.id] ? true : undefined}
          >
            <legend>
              {group.name} <span className="muted">({groupRule(group)})</span>
            </legend>
            <div className="pos-options">
              {group.options.map((option) => (
                <label key={option.id} className="pos-option">
                  <input
                    type={single ? 'radio' : 'checkbox'}
                    name={`group-${group.id}`}
                    value={option.id}
                    checked={list.includes(option.id)}
                    disabled={!single && !list.includes(option.id) && list.length >= group.max_choices}
                    onChange={() => toggle(group, option.id)}
                    onClick={() => {
                      // A radio cannot be unticked by itself; an optional single choice can.
                      if (single && !group.required && list.includes(option.id)) toggle(group, option.id);
                    }}
                  />
                  <span>
                    {option.name}
                    {option.price_delta_minor !== 0 ? (
                      <span className="muted">
                        {' '}
                        {option.price_delta_minor > 0 ? '+' : '−'}
                        {money(Math.abs(option.price_delta_minor))}
                      </span>
                    ) : null}
                  </span>
                </label>
              ))}
            </div>
            {problems[group.id] ? (
              <p id={problemId} className="field-errors" role="alert">
                {problems[group.id]}
              </p>
            ) : null}
          </fieldset>
        );
      })}
      <div className="field-row pos-picker-row">
        <fieldset className="pos-qty-field">
          <legend>Quantity</legend>
          <div className="pos-stepper">
            <button
              type="button"
              className="button"
              aria-label="One less"
              onClick={() => setQuantity((q) => Math.max(1, q - 1))}
            >
              −
            </button>
            <output aria-live="polite" className="pos-qty">
              {quantity}
            </output>
            <button
              type="button"
              className="button"
              aria-label="One more"
              onClick={() => setQuantity((q) => Math.min(999, q + 1))}
            >
              +
            </button>
          </div>
        </fieldset>
        <div className="field pos-note">
          <label htmlFor="pos-note">Note for the kitchen (optional)</label>
          <input id="pos-note" value={note} maxLength={200} onChange={(event) => setNote(event.target.value)} />
        </div>
      </div>
      <div className="pos-picker-actions">
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="button button-primary" onClick={add}>
          Add to order
        </button>
      </div>
    </dialog>
  );
}
