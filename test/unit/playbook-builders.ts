// The built-in nightly and hotfix playbooks for the usual environments, for unit tests.
import { hotfixPlaybook } from '../../src/domain/hotfix-playbook.js';
import { nightlyPlaybook } from '../../src/domain/nightly-playbook.js';

export const NIGHTLY_PLAYBOOK_FOR_TEST = nightlyPlaybook({ from: 'testing', to: 'staging' });
export const HOTFIX_PLAYBOOK_FOR_TEST = hotfixPlaybook({ from: 'staging', to: 'production' });
