import { defineSchema } from '../../lib/settings';
import { seedSetting } from '../shared/settings';

export const schema = defineSchema([seedSetting()]);
