import {
  closestCenter,
  DndContext,
  type DragEndEvent,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import {
  arrayMove,
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { syncProtocolList } from '../../../shared/domain/programme-edit';
import { HONORIFIC_RANK, protocolOrder } from '../../../shared/people/protocol-name';
import { useApp } from '../app/app-context';
import { useData } from '../app/data-context';
import { personName } from '../lib/people-text';
import { PersonPicker } from './PersonPicker';

/**
 * People in protocol order (a head table, a delegation, a session's
 * speakers). A newcomer goes in by honorific rank; after that the order is
 * the user's: drag a row, or focus its handle and use Space and the arrows.
 */
export function ProtocolList(props: {
  label: string;
  ids: readonly string[];
  onChange(ids: string[]): void;
  /** Whether people can be added and removed here (a session's speakers come from its items). */
  editable?: boolean;
  /** With `editable`, who may be removed here (a session's speakers stay while their item does). */
  removable?(id: string): boolean;
  /** What else a row says or offers (whether a speaker also sits at the head table). */
  rowExtra?(id: string): ReactNode;
  testId?: string;
}) {
  const { t } = useTranslation();
  const { settings } = useApp();
  const { people } = useData();
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const rankOf = (id: string) => HONORIFIC_RANK[people.get(id)?.honorific ?? 'none'];

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    props.onChange(arrayMove([...props.ids], props.ids.indexOf(String(active.id)), props.ids.indexOf(String(over.id))));
  };

  const byRank = () => {
    const known = props.ids.flatMap((id) => {
      const p = people.get(id);
      return p ? [{ ...p }] : [];
    });
    props.onChange(protocolOrder(known).map((p) => p.id));
  };

  return (
    <div className="protocol-list" data-testid={props.testId}>
      <div className="protocol-head">
        <span className="field-label">{props.label}</span>
        <button type="button" className="button small" onClick={byRank} disabled={props.ids.length < 2}>
          {t('programme.sortByRank')}
        </button>
      </div>
      <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
        <SortableContext items={[...props.ids]} strategy={verticalListSortingStrategy}>
          <ol>
            {props.ids.map((id) => {
              const person = people.get(id);
              return (
                <Row
                  key={id}
                  id={id}
                  name={person ? personName(person, settings.language) : t('programme.unknownPerson')}
                  onRemove={
                    props.editable && (props.removable?.(id) ?? true)
                      ? () => props.onChange(props.ids.filter((x) => x !== id))
                      : undefined
                  }
                >
                  {props.rowExtra?.(id)}
                </Row>
              );
            })}
          </ol>
        </SortableContext>
      </DndContext>
      {props.editable && (
        <PersonPicker
          label={t('programme.addTo', { list: props.label })}
          personId={null}
          exclude={props.ids}
          onChange={(id) => {
            if (id) props.onChange(syncProtocolList(props.ids, [...props.ids, id], rankOf));
          }}
        />
      )}
    </div>
  );
}

function Row(props: { id: string; name: string; onRemove: (() => void) | undefined; children?: ReactNode }) {
  const { t } = useTranslation();
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id: props.id });
  return (
    <li
      ref={setNodeRef}
      className={isDragging ? 'dragging' : ''}
      style={{ transform: CSS.Transform.toString(transform), transition }}
      data-testid="protocol-row"
    >
      <button
        type="button"
        className="drag-handle"
        aria-label={t('programme.dragToReorder', { name: props.name })}
        {...attributes}
        {...listeners}
      >
        ⋮⋮
      </button>
      <span className="protocol-name">{props.name}</span>
      {props.children}
      {props.onRemove && (
        <button
          type="button"
          className="icon-button"
          aria-label={t('common.removeNamed', { name: props.name })}
          onClick={props.onRemove}
        >
          ×
        </button>
      )}
    </li>
  );
}
