/** The office's call order and desks (one per line), as an administrator sets them. */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CallOrderSchema,
  OfficeSettingsSchema,
  type CallOrder,
} from '../../../src-shared/contract/office';
import { officeGet } from '../common/office-api';

const SITE_API = '/office/api/admin/site';

export function OfficeSettingsForm({
  site,
  onSave,
}: {
  site: string;
  onSave: (path: string, body: object) => Promise<boolean>;
}) {
  const { t } = useTranslation();
  const orderId = useId();
  const desksId = useId();
  const [siteId, setSiteId] = useState(site);
  const [callOrder, setCallOrder] = useState<CallOrder>('appointments-first');
  const [desks, setDesks] = useState('');
  const query = site ? `?site=${encodeURIComponent(site)}` : '';

  useEffect(() => {
    officeGet(OfficeSettingsSchema, `${SITE_API}${query}`).then(
      (settings) => {
        setSiteId(settings.siteId);
        setCallOrder(settings.callOrder);
        setDesks(settings.desks.join('\n'));
      },
      () => undefined,
    );
  }, [query]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const names = desks
      .split('\n')
      .map((name) => name.trim())
      .filter(Boolean);
    void onSave(SITE_API, { site: siteId, callOrder, desks: names });
  };

  return (
    <section aria-labelledby="admin-settings" className="office-panel">
      <h2 id="admin-settings">{t('office.admin.settings')}</h2>
      <form className="office-new-account" onSubmit={submit}>
        <label htmlFor={orderId}>{t('office.admin.callOrder')}</label>
        <select
          id={orderId}
          value={callOrder}
          onChange={(event) => setCallOrder(CallOrderSchema.parse(event.target.value))}
        >
          {CallOrderSchema.options.map((order) => (
            <option key={order} value={order}>
              {t(`office.desk.callOrder.${order}`)}
            </option>
          ))}
        </select>
        <label htmlFor={desksId}>{t('office.admin.desks')}</label>
        <textarea
          id={desksId}
          rows={4}
          value={desks}
          onChange={(event) => setDesks(event.target.value)}
        />
        <button type="submit">{t('office.admin.saveSettings')}</button>
      </form>
    </section>
  );
}
