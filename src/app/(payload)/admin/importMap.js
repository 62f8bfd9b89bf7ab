import { DuplicateCustomerWarning as DuplicateCustomerWarning_bba3b0dae17d96ee221635d6b0481759 } from '../../../../src/plugins/adminUx/components/DuplicateCustomerWarning'
import { RelationTitleCell as RelationTitleCell_beef6a9a2d691a3121d28975ea4198d4 } from '../../../../src/plugins/adminUx/components/RelationTitleCell'
import { RecordPayment as RecordPayment_76a63dc3b81f2df841bf2ed8242e9ce1 } from '../../../../src/plugins/billing/components/RecordPayment'
import { RupiahCell as RupiahCell_0baeb13b7c3baadbc0b4d8385eaff55f } from '../../../../src/plugins/adminUx/components/RupiahCell'
import { RefreshingJoinField as RefreshingJoinField_96e7775c76478e8b47c61005b46b2898 } from '../../../../src/plugins/adminUx/components/RefreshingJoinField'
import { CustomerConversation as CustomerConversation_7a44856c649f960c707075054a6fee47 } from '../../../../src/plugins/notifications/components/CustomerConversation'
import { SendTemplateAction as SendTemplateAction_bb708a9da2d675f605155572475c541e } from '../../../../src/plugins/adminUx/components/BulkActions'
import { AssignTicketsAction as AssignTicketsAction_bb708a9da2d675f605155572475c541e } from '../../../../src/plugins/adminUx/components/BulkActions'
import { RscEntryLexicalCell as RscEntryLexicalCell_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { RscEntryLexicalField as RscEntryLexicalField_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { LexicalDiffComponent as LexicalDiffComponent_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { InlineToolbarFeatureClient as InlineToolbarFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { HorizontalRuleFeatureClient as HorizontalRuleFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UploadFeatureClient as UploadFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { BlockquoteFeatureClient as BlockquoteFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { RelationshipFeatureClient as RelationshipFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { LinkFeatureClient as LinkFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ChecklistFeatureClient as ChecklistFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { OrderedListFeatureClient as OrderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UnorderedListFeatureClient as UnorderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { IndentFeatureClient as IndentFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { AlignFeatureClient as AlignFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { HeadingFeatureClient as HeadingFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ParagraphFeatureClient as ParagraphFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { InlineCodeFeatureClient as InlineCodeFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { SuperscriptFeatureClient as SuperscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { SubscriptFeatureClient as SubscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { StrikethroughFeatureClient as StrikethroughFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UnderlineFeatureClient as UnderlineFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { BoldFeatureClient as BoldFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ItalicFeatureClient as ItalicFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { PrintInvoicesAction as PrintInvoicesAction_bb708a9da2d675f605155572475c541e } from '../../../../src/plugins/adminUx/components/BulkActions'
import { InvoiceActions as InvoiceActions_2e2809791dffba58816fc4ff64d1163b } from '../../../../src/plugins/billing/components/InvoiceActions'
import { PaymentActions as PaymentActions_e362b1682b5bf750ce817332f50e4d0f } from '../../../../src/plugins/billing/components/PaymentActions'
import { IncidentAffectedCustomers as IncidentAffectedCustomers_4e962ec012915b311b95331c1a3072a7 } from '../../../../src/plugins/monitoring/components/IncidentAffectedCustomers'
import { IncidentNodePosition as IncidentNodePosition_2e2727598ffde6cdddc523e846a82e6e } from '../../../../src/plugins/monitoring/components/IncidentNodePosition'
import { TriggerCell as TriggerCell_7b134e834a42c0235beaa2d590b8378f } from '../../../../src/plugins/adminUx/components/TriggerCell'
import { VariablesField as VariablesField_c8d77e9938ae7b3cb577981e1bf4d9e9 } from '../../../../src/plugins/adminUx/components/VariablesField'
import { RoleNav as RoleNav_c23e8c0c51dc5ffc3934910edecbb301 } from '../../../../src/plugins/adminUx/components/RoleNav'
import { BrandIcon as BrandIcon_df55aa61add0efd3aad14fd605340dfd } from '../../../../src/plugins/adminUx/components/Brand'
import { BrandLogo as BrandLogo_df55aa61add0efd3aad14fd605340dfd } from '../../../../src/plugins/adminUx/components/Brand'
import { GlobalSearch as GlobalSearch_e6bb65c2875278fdc836f3fad8d66374 } from '../../../../src/plugins/adminUx/components/GlobalSearch'
import { BillingNavLinks as BillingNavLinks_17d5f9527ecaa22f6e7271799f4afd86 } from '../../../../src/plugins/billing/components/BillingNavLinks'
import { MonitoringNavLinks as MonitoringNavLinks_fe6c16abc7a644ade04c057c4d632494 } from '../../../../src/plugins/monitoring/components/MonitoringNavLinks'
import { AnalyticsNavLinks as AnalyticsNavLinks_b9cc81357188e145c12fe716fbf3b508 } from '../../../../src/plugins/analytics/components/AnalyticsNavLinks'
import { NotificationsNavLinks as NotificationsNavLinks_f4e301644f2266b9b5784d62b8742354 } from '../../../../src/plugins/notifications/components/NotificationsNavLinks'
import { MyWorkNavLink as MyWorkNavLink_816452196d0784b36dfc9b8119b9673b } from '../../../../src/plugins/adminUx/components/MyWorkNavLink'
import { CustomerImportNavLink as CustomerImportNavLink_816452196d0784b36dfc9b8119b9673b } from '../../../../src/plugins/adminUx/components/MyWorkNavLink'
import { BackupStatus as BackupStatus_174d79d7561dc9764eb94cb7e89d0726 } from '../../../../src/plugins/backups/components/BackupStatus'
import { PaymentVerificationView as PaymentVerificationView_a677384c5be7a9dcbf93ac11a9f982b5 } from '../../../../src/plugins/billing/components/views/PaymentVerificationView'
import { RevenueReportView as RevenueReportView_6b872e1f63311ee90cddb1443415ddb6 } from '../../../../src/plugins/billing/components/views/RevenueReportView'
import { SuspensionPreviewView as SuspensionPreviewView_b906b37aae3d604e1245ad7c8f46a427 } from '../../../../src/plugins/billing/components/views/SuspensionPreviewView'
import { NetworkDashboardView as NetworkDashboardView_d941317c6cc70268165480d2736f597a } from '../../../../src/plugins/monitoring/components/views/NetworkDashboardView'
import { AnalyticsView as AnalyticsView_85b51c548201a43d51176abb94257d51 } from '../../../../src/plugins/analytics/components/AnalyticsView'
import { TechnicianAnalyticsView as TechnicianAnalyticsView_83fc5f4a4372cffa47911e0fda06d7f4 } from '../../../../src/plugins/analytics/components/TechnicianAnalyticsView'
import { HealthAnalyticsView as HealthAnalyticsView_44ee8050d53dbd0b80b70fc87f8353e4 } from '../../../../src/plugins/analytics/components/HealthAnalyticsView'
import { CoverageMapView as CoverageMapView_2231fb9d8fca04f1e35e6e93f6249127 } from '../../../../src/plugins/analytics/components/CoverageMapView'
import { NotificationsDashboardView as NotificationsDashboardView_b5c1b849fc7f8815167af42c107b5bd5 } from '../../../../src/plugins/notifications/components/views/NotificationsDashboardView'
import { RoleDashboard as RoleDashboard_53e42d9b279eb883840d8e799e6e1e6e } from '../../../../src/plugins/adminUx/components/RoleDashboard'
import { MyWorkView as MyWorkView_303f65a2d496cdb1238291a169ec3e9b } from '../../../../src/plugins/adminUx/components/MyWorkView'
import { CustomerImportView as CustomerImportView_4be73a2236d0304eac390b9ea6570a58 } from '../../../../src/plugins/adminUx/components/CustomerImportView'
import { CollectionCards as CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1 } from '@payloadcms/next/rsc'

/** @type import('payload').ImportMap */
export const importMap = {
  "/src/plugins/adminUx/components/DuplicateCustomerWarning#DuplicateCustomerWarning": DuplicateCustomerWarning_bba3b0dae17d96ee221635d6b0481759,
  "/src/plugins/adminUx/components/RelationTitleCell#RelationTitleCell": RelationTitleCell_beef6a9a2d691a3121d28975ea4198d4,
  "/src/plugins/billing/components/RecordPayment#RecordPayment": RecordPayment_76a63dc3b81f2df841bf2ed8242e9ce1,
  "/src/plugins/adminUx/components/RupiahCell#RupiahCell": RupiahCell_0baeb13b7c3baadbc0b4d8385eaff55f,
  "/src/plugins/adminUx/components/RefreshingJoinField#RefreshingJoinField": RefreshingJoinField_96e7775c76478e8b47c61005b46b2898,
  "/src/plugins/notifications/components/CustomerConversation#CustomerConversation": CustomerConversation_7a44856c649f960c707075054a6fee47,
  "/src/plugins/adminUx/components/BulkActions#SendTemplateAction": SendTemplateAction_bb708a9da2d675f605155572475c541e,
  "/src/plugins/adminUx/components/BulkActions#AssignTicketsAction": AssignTicketsAction_bb708a9da2d675f605155572475c541e,
  "@payloadcms/richtext-lexical/rsc#RscEntryLexicalCell": RscEntryLexicalCell_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/rsc#RscEntryLexicalField": RscEntryLexicalField_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/rsc#LexicalDiffComponent": LexicalDiffComponent_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/client#InlineToolbarFeatureClient": InlineToolbarFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#HorizontalRuleFeatureClient": HorizontalRuleFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UploadFeatureClient": UploadFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#BlockquoteFeatureClient": BlockquoteFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#RelationshipFeatureClient": RelationshipFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#LinkFeatureClient": LinkFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ChecklistFeatureClient": ChecklistFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#OrderedListFeatureClient": OrderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UnorderedListFeatureClient": UnorderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#IndentFeatureClient": IndentFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#AlignFeatureClient": AlignFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#HeadingFeatureClient": HeadingFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ParagraphFeatureClient": ParagraphFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#InlineCodeFeatureClient": InlineCodeFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#SuperscriptFeatureClient": SuperscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#SubscriptFeatureClient": SubscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#StrikethroughFeatureClient": StrikethroughFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UnderlineFeatureClient": UnderlineFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#BoldFeatureClient": BoldFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ItalicFeatureClient": ItalicFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "/src/plugins/adminUx/components/BulkActions#PrintInvoicesAction": PrintInvoicesAction_bb708a9da2d675f605155572475c541e,
  "/src/plugins/billing/components/InvoiceActions#InvoiceActions": InvoiceActions_2e2809791dffba58816fc4ff64d1163b,
  "/src/plugins/billing/components/PaymentActions#PaymentActions": PaymentActions_e362b1682b5bf750ce817332f50e4d0f,
  "/src/plugins/monitoring/components/IncidentAffectedCustomers#IncidentAffectedCustomers": IncidentAffectedCustomers_4e962ec012915b311b95331c1a3072a7,
  "/src/plugins/monitoring/components/IncidentNodePosition#IncidentNodePosition": IncidentNodePosition_2e2727598ffde6cdddc523e846a82e6e,
  "/src/plugins/adminUx/components/TriggerCell#TriggerCell": TriggerCell_7b134e834a42c0235beaa2d590b8378f,
  "/src/plugins/adminUx/components/VariablesField#VariablesField": VariablesField_c8d77e9938ae7b3cb577981e1bf4d9e9,
  "/src/plugins/adminUx/components/RoleNav#RoleNav": RoleNav_c23e8c0c51dc5ffc3934910edecbb301,
  "/src/plugins/adminUx/components/Brand#BrandIcon": BrandIcon_df55aa61add0efd3aad14fd605340dfd,
  "/src/plugins/adminUx/components/Brand#BrandLogo": BrandLogo_df55aa61add0efd3aad14fd605340dfd,
  "/src/plugins/adminUx/components/GlobalSearch#GlobalSearch": GlobalSearch_e6bb65c2875278fdc836f3fad8d66374,
  "/src/plugins/billing/components/BillingNavLinks#BillingNavLinks": BillingNavLinks_17d5f9527ecaa22f6e7271799f4afd86,
  "/src/plugins/monitoring/components/MonitoringNavLinks#MonitoringNavLinks": MonitoringNavLinks_fe6c16abc7a644ade04c057c4d632494,
  "/src/plugins/analytics/components/AnalyticsNavLinks#AnalyticsNavLinks": AnalyticsNavLinks_b9cc81357188e145c12fe716fbf3b508,
  "/src/plugins/notifications/components/NotificationsNavLinks#NotificationsNavLinks": NotificationsNavLinks_f4e301644f2266b9b5784d62b8742354,
  "/src/plugins/adminUx/components/MyWorkNavLink#MyWorkNavLink": MyWorkNavLink_816452196d0784b36dfc9b8119b9673b,
  "/src/plugins/adminUx/components/MyWorkNavLink#CustomerImportNavLink": CustomerImportNavLink_816452196d0784b36dfc9b8119b9673b,
  "/src/plugins/backups/components/BackupStatus#BackupStatus": BackupStatus_174d79d7561dc9764eb94cb7e89d0726,
  "/src/plugins/billing/components/views/PaymentVerificationView#PaymentVerificationView": PaymentVerificationView_a677384c5be7a9dcbf93ac11a9f982b5,
  "/src/plugins/billing/components/views/RevenueReportView#RevenueReportView": RevenueReportView_6b872e1f63311ee90cddb1443415ddb6,
  "/src/plugins/billing/components/views/SuspensionPreviewView#SuspensionPreviewView": SuspensionPreviewView_b906b37aae3d604e1245ad7c8f46a427,
  "/src/plugins/monitoring/components/views/NetworkDashboardView#NetworkDashboardView": NetworkDashboardView_d941317c6cc70268165480d2736f597a,
  "/src/plugins/analytics/components/AnalyticsView#AnalyticsView": AnalyticsView_85b51c548201a43d51176abb94257d51,
  "/src/plugins/analytics/components/TechnicianAnalyticsView#TechnicianAnalyticsView": TechnicianAnalyticsView_83fc5f4a4372cffa47911e0fda06d7f4,
  "/src/plugins/analytics/components/HealthAnalyticsView#HealthAnalyticsView": HealthAnalyticsView_44ee8050d53dbd0b80b70fc87f8353e4,
  "/src/plugins/analytics/components/CoverageMapView#CoverageMapView": CoverageMapView_2231fb9d8fca04f1e35e6e93f6249127,
  "/src/plugins/notifications/components/views/NotificationsDashboardView#NotificationsDashboardView": NotificationsDashboardView_b5c1b849fc7f8815167af42c107b5bd5,
  "/src/plugins/adminUx/components/RoleDashboard#RoleDashboard": RoleDashboard_53e42d9b279eb883840d8e799e6e1e6e,
  "/src/plugins/adminUx/components/MyWorkView#MyWorkView": MyWorkView_303f65a2d496cdb1238291a169ec3e9b,
  "/src/plugins/adminUx/components/CustomerImportView#CustomerImportView": CustomerImportView_4be73a2236d0304eac390b9ea6570a58,
  "@payloadcms/next/rsc#CollectionCards": CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1
}
