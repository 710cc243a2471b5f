/** Choosing a desk and the services it serves (all of them ticked at first). */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskView } from '../../../src-shared/contract/office';
import { serviceName } from '../common/service-name';

export function ChooseDesk({
  view,
  onOpen,
}: {
  view: DeskView;
  onOpen: (desk: string, serviceIds: string[]) => void;
}) {
  const { t, i18n } = useTranslation();
  const deskId = useId();
  const [desk, setDesk] = useState(view.desks[0] ?? '');
  const [services, setServices] = useState<string[]>(view.services.map((service) => service.id));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onOpen(desk, services);
  };
  const toggle = (id: string, on: boolean) =>
    setServices((chosen) => (on ? [...chosen, id] : chosen.filter((other) => other !== id)));
  return (
    <section aria-labelledby="desk-choose" className="office-panel">
      <h2 id="desk-choose">{t('office.desk.chooseTitle')}</h2>
      <form onSubmit={submit}>
        <label htmlFor={deskId}>{t('office.desk.deskLabel')}</label>{' '}
        <select id={deskId} value={desk} onChange={(event) => setDesk(event.target.value)}>
          {view.desks.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
        <fieldset>
          <legend>{t('office.desk.servicesLegend')}</legend>
          {view.services.map((service) => (
            <label key={service.id} className="office-check">
              <input
                type="checkbox"
                checked={services.includes(service.id)}
                onChange={(event) => toggle(service.id, event.target.checked)}
              />{' '}
              {serviceName(service.names, i18n.language, service.id)}
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={services.length === 0 || !desk}>
          {t('office.desk.open')}
        </button>
      </form>
    </section>
  );
}
