/** The shared admin helpers, where the billing components have always imported them from. */
export * from '../../../components/admin/clientKit'
