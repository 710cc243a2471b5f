import { useTranslation } from 'react-i18next';
import type { CredentialStoreFacts } from '../../src-shared/contract/setup';

/** Where the device credential is kept and how well it is protected (basic_text said plainly). */
export function CredentialFacts(props: { facts: CredentialStoreFacts }) {
  const { t } = useTranslation();
  const { facts } = props;
  const protection =
    facts.backend === 'basic_text'
      ? t('setup.credential.basicText')
      : facts.encryptedAtRest
        ? t('setup.credential.encrypted', { backend: facts.backend ?? '' })
        : t('setup.credential.fileOnly');
  return (
    <p className="setup-credential" data-testid="credential-facts">
      {t('setup.credential.stored', { location: facts.location })} {protection}
    </p>
  );
}
