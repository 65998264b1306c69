export type Json = string | number | boolean | null | { [key: string]: Json | undefined } | Json[];

export type Database = {
  // Lets createClient<Database>(url, key) pick the PostgREST version without a second type argument.
  __InternalSupabase: {
    PostgrestVersion: '12';
  };
  public: {
    Tables: {
      audit_log: {
        Row: {
          action: string;
          actor_id: string | null;
          actor_role: string;
          created_at: string;
          id: number;
          new_data: Json | null;
          old_data: Json | null;
          organization_id: string;
          row_id: string;
          table_name: string;
          table_schema: string;
        };
        Insert: {
          action: string;
          actor_id?: string | null;
          actor_role: string;
          created_at?: string;
          id?: never;
          new_data?: Json | null;
          old_data?: Json | null;
          organization_id: string;
          row_id: string;
          table_name: string;
          table_schema: string;
        };
        Update: {
          action?: string;
          actor_id?: string | null;
          actor_role?: string;
          created_at?: string;
          id?: never;
          new_data?: Json | null;
          old_data?: Json | null;
          organization_id?: string;
          row_id?: string;
          table_name?: string;
          table_schema?: string;
        };
        Relationships: [];
      };
      billing_customers: {
        Row: {
          created_at: string;
          id: string;
          organization_id: string;
          stripe_customer_id: string;
        };
        Insert: {
          created_at?: string;
          id?: string;
          organization_id: string;
          stripe_customer_id: string;
        };
        Update: {
          created_at?: string;
          id?: string;
          organization_id?: string;
          stripe_customer_id?: string;
        };
        Relationships: [
          {
            foreignKeyName: 'billing_customers_organization_id_fkey';
            columns: ['organization_id'];
            isOneToOne: true;
            referencedRelation: 'organizations';
            referencedColumns: ['id'];
          },
        ];
      };
      billing_plans: {
        Row: {
          application_fee_bps: number;
          currency: string;
          id: string;
          max_properties: number;
          monthly_price_minor: number;
          name: string;
          sort_order: number;
        };
        Insert: {
          application_fee_bps: number;
          currency?: string;
          id: string;
          max_properties: number;
          monthly_price_minor: number;
          name: string;
          sort_order: number;
        };
        Update: {
          application_fee_bps?: number;
          currency?: string;
          id?: string;
          max_properties?: number;
          monthly_price_minor?: number;
          name?: string;
          sort_order?: number;
        };
        Relationships: [];
      };
      billing_subscriptions: {
        Row: {
          cancel_at_period_end: boolean;
          canceled_at: string | null;
          created_at: string;
          current_period_end: string | null;
          id: string;
          last_event_at: string;
          organization_id: string;
          plan_id: string;
          status: string;
          stripe_customer_id: string;
          stripe_subscription_id: string;
          trial_end: string | null;
          updated_at: string;
        };
        Insert: {
          cancel_at_period_end?: boolean;
          canceled_at?: string | null;
          created_at?: string;
          current_period_end?: string | null;
          id?: string;
          last_event_at: string;
          organization_id: string;
          plan_id: string;
          status: string;
          stripe_customer_id: string;
          stripe_subscription_id: string;
          trial_end?: string | null;
          updated_at?: string;
        };
        Update: {
          cancel_at_period_end?: boolean;
          canceled_at?: string | null;
          created_at?: string;
          current_period_end?: string | null;
          id?: string;
          last_event_at?: string;
          organization_id?: string;
          plan_id?: string;
          status?: string;
          stripe_customer_id?: string;
          stripe_subscription_id?: string;
          trial_end?: string | null;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: 'billing_subscriptions_organization_id_fkey';
            columns: ['organization_id'];
            isOneToOne: false;
            referencedRelation: 'organizations';
            referencedColumns: ['id'];
          },
          {
            foreignKeyName: 'billing_subscriptions_plan_id_fkey';
            columns: ['plan_id'];
            isOneToOne: false;
            referencedRelation: 'billing_plans';
            referencedColumns: ['id'];
          },
        ];
      };
      booking_no_show_risk: {
        Row: {
          base_rate_auc: number | null;
          booking_id: string;
          created_at: string;
          held_out_auc: number | null;
          id: string;
          job_id: string | null;
          model_version: string;
          organization_id: string;
          property_id: string;
          reasons: Json;
          risk: number;
          updated_at: string;
        };
        Insert: {
          base_rate_auc?: number | null;
          booking_id: string;
          created_at?: string;
          held_out_auc?: number | null;
          id?: string;
          job_id?: string | null;
          model_version: string;
          organization_id: string;
          property_id: string;
          reasons?: Json;
          risk: number;
          updated_at?: string;
        };
        Update: {
          base_rate_auc?: number | null;
          booking_id?: string;
          created_at?: string;
          held_out_auc?: number | null;
          id?: string;
          job_id?: string | null;
          model_version?: string;
          organization_id?: string;
          property_id?: string;
          reasons?: Json;
          risk?: number;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: 'booking_no_show_risk_booking_fkey';
            columns: ['organization_id', 'booking_id'];
            isOneToOne: false;
            referencedRelation: 'bookings';
            referencedColumns: ['organization_id', 'id'];
          },
          {
            foreignKeyName: 'booking_no_show_risk_property_fkey';
            columns: ['organization_id', 'property_id'];
            isOneToOne: false;
            referencedRelation: 'properties';
            referencedColumns: ['organization_id', 'id'];
          },
        ];
      };
      bookings: {
        Row: {
          arrival_date: string;
          blocked_period: unknown;
          cancellation_fee_minor: number | null;
          cancellation_reason: string | null;
          cancelled_at: string | null;
          checked_in_at: string | null;
          checked_out_at: string | null;
          checkout_override_reason: string | null;
          confirmed_at: string | null;
          created_at: string;
          created_by: string | null;
          currency: string;
          departure_date: string;
          guest_id: string | null;
          hold_expires_at: string | null;
          id: string;
          idempotency_key: string | null;
          organization_id: string;
          party_size: number;
          period: unknown;
          price_breakdown: Json;
          property_id: string;
          rate_plan_id: string | null;
          reference: string;
          resource_id: string;
          room_override_reason: string | null;
          source: Database['public']['Enums']['booking_source'];
          status: Database['public']['Enums']['booking_status'];
          total_minor: number;
          updated_at: string;
        };
        Insert: {
          arrival_date: string;
          blocked_period: unknown;
          cancellation_fee_minor?: number | null;
          cancellation_reason?: string | null;
          cancelled_at?: string | null;
          checked_in_at?: string | null;
          checked_out_at?: string | null;
          checkout_override_reason?: string | null;
          confirmed_at?: string | null;
          created_at?: string;
          created_by?: string | null;
          currency: string;
          departure_date: string;
          guest_id?: string | null;
          hold_expires_at?: string | null;
          id?: string;
          idempotency_key?: string | null;
          organization_id: string;
          party_size: number;
          period: unknown;
          price_breakdown: Json;
          property_id: string;
          rate_plan_id?: string | null;
          reference?: string;
          resource_id: string;
          room_override_reason?: string | null;
          source?: Database['public']['Enums']['booking_source'];
          status?: Database['public']['Enums']['booking_status'];
          total_minor: number;
          updated_at?: string;
        };
        Update: {
          arrival_date?: string;
          blocked_period?: unknown;
          cancellation_fee_minor?: number | null;
          cancellation_reason?: string | null;
          cancelled_at?: string | null;
          checked_in_at?: string | null;
          checked_out_at?: string | null;
          checkout_override_reason?: string | null;
          confirmed_at?: string | null;
          created_at?: string;
          created_by?: string | null;
          currency?: string;
          departure_date?: string;
          guest_id?: string | null;
          hold_expires_at?: string | null;
          id?: string;
          idempotency_key?: string | null;
          organization_id?: string;
          party_size?: number;
          period?: unknown;
          price_breakdown?: Json;
          property_id?: string;
          rate_plan_id?: string | null;
          reference?: string;
          resource_id?: string;
          room_override_reason?: string | null;
          source?: Database['public']['Enums']['booking_source'];
          status?: Database['public']['Enums']['booking_status'];
          total_minor?: number;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: 'bookings_guest_fkey';
            columns: ['organization_id', 'guest_id'];
            isOneToOne: false;
            referencedRelation: 'guests';
            referencedColumns: ['organization_id', 'id'];
          },
          {
            foreignKeyName: 'bookings_property_fkey';
            columns: ['organization_id', 'property_id'];
            isOneToOne: false;
            referencedRelation: 'properties';
            referencedColumns: ['organization_id', 'id'];
          },
          {
            foreignKeyName: 'bookings_rate_plan_fkey';
            columns: ['property_id', 'rate_plan_id'];
            isOneToOne: false;
            referencedRelation: 'rate_plans';
            referencedColumns: ['property_id', 'id'];
          },
          {
            foreignKeyName: 'bookings_resource_fkey';
            columns: ['property_id', 'resource_id'];
            isOneToOne: false;
            referencedRelation: 'resources';
            referencedColumns: ['property_id', 'id'];
          },
        ];
      };
      catalogue_categories: {
        Row: {
          created_at: string;
          id: string;
          name: string;
          organization_id: string;
          parent_id: string | null;
          sort_order: number;
          updated_at: string;
        };
        Insert: {
          created_at?: string;
          id?: string;
          name: string;
          organization_id: string;
          parent_id?: string | null;
          sort_order?: number;
          updated_at?: string;
        };
        Update: {
          created_at?: string;
          id?: string;
          name?: string;
          organization_id?: string;
          parent_id?: string | null;
          sort_order?: number;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: 'catalogue_categories_organization_id_fkey';
            columns: ['organization_id'];
            isOneToOne: false;
            referencedRelation: 'organizations';
            referencedColumns: ['id'];
          },
          {
            foreignKeyName: 'catalogue_categories_parent_fkey';
            columns: ['organization_id', 'parent_id'];
            isOneToOne: false;
            referencedRelation: 'catalogue_categories';
            referencedColumns: ['organization_id', 'id'];
          },
        ];
      };
      catalogue_items: {
        Row: {
          active: boolean;
          category_id: string;
          created_at: string;
          currency: string;
          description: string | null;
          id: string;
          name: string;
          organization_id: string;
          photo_path: string | null;
          price_minor: number;
          sort_order: number;
          tax_rate_bp: number;
          updated_at: string;
        };
        Insert: {
          active?: boolean;
          category_id: string;
          created_at?: string;
          currency: string;
          description?: string | null;
          id?: string;
          name: string;
          organization_id: string;
          photo_path?: string | null;
          price_minor: number;
          sort_order?: number;
          tax_rate_bp?: number;
          updated_at?: string;
        };
        Update: {
          active?: boolean;
          category_id?: string;
          created_at?: string;
          currency?: string;
          description?: string | null;
          id?: string;
          name?: string;
          organization_id?: string;
          photo_path?: string | null;
          price_minor?: number;
          sort_order?: number;
          tax_rate_bp?: number;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: 'catalogue_items_category_fkey';
            columns: ['organization_id', 'category_id'];
            isOneToOne: false;
            referencedRelation: 'catalogue_categories';
            referencedColumns: ['organization_id', 'id'];
          },
          {
            foreignKeyName: 'catalogue_items_organization_id_fkey';
            columns: ['organization_id'];
            isOneToOne: false;
            referencedRelation: 'organizations';
            referencedColumns: ['id'];
          },
        ];
      };
      folio_entries: {
        Row: {
          amount_minor: number;
          created_at: string;
          created_by: string | null;
          currency: string;
          description: string;
          external_reference: string | null;
          folio_id: string;
          id: string;
          kind: Database['public']['Enums']['folio_entry_kind'];
          night: string | null;
          order_id: string | null;
          organization_id: string;
          payment_method: Database['public']['Enums']['payment_method'] | null;
          property_id: string;
          tax_minor: number;
          updated_at: string;
        };
        Insert: {
          amount_minor: number;
          created_at?: string;
          created_by?: string | null;
          currency: string;
          description: string;
          external_reference?: string | null;
          folio_id: string;
          id?: string;
          kind: Database['public']['Enums']['folio_entry_kind'];
          night?: string | null;
          order_id?: string | null;
          organization_id: string;
          payment_method?: Database['public']['Enums']['payment_method'] | null;
          property_id: string;
          tax_minor?: number;
          updated_at?: string;
        };
        Update: {
          amount_minor?: number;
          created_at?: string;
          created_by?: string | null;
          currency?: string;
          description?: string;
          external_reference?: string | null;
          folio_id?: string;
          id?: string;
          kind?: Database['public']['Enums']['folio_entry_kind'];
          night?: string | null;
          order_id?: string | null;
          organization_id?: string;
          payment_method?: Database['public']['Enums']['payment_method'] | null;
          property_id?: string;
          tax_minor?: number;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: 'folio_entries_folio_fkey';
            columns: ['organization_id', 'folio_id'];
            isOneToOne: false;
            referencedRelation: 'folios';
            referencedColumns: ['organization_id', 'id'];
          },
          {
            foreignKeyName: 'folio_entries_order_fkey';
            columns: ['organization_id', 'order_id'];
            isOneToOne: false;
            referencedRelation: 'orders';
            referencedColumns: ['organization_id', 'id'];
          },
        ];
      };
      folios: {
        Row: {
          balance_minor: number;
          booking_id: string | null;
          charges_minor: number;
          created_at: string;
          created_by: string | null;
          currency: string;
          guest_id: string | null;
          id: string;
          kind: Database['public']['Enums']['folio_kind'];
          label: string | null;
          organization_id: string;
          property_id: string;
          settled_at: string | null;
          status: Database['public']['Enums']['folio_status'];
          table_resource_id: string | null;
          updated_at: string;
        };
        Insert: {
          balance_minor?: number;
          booking_id?: string | null;
          charges_minor?: number;
          created_at?: string;
          created_by?: string | null;
          currency: string;
          guest_id?: string | null;
          id?: string;
          kind: Database['public']['Enums']['folio_kind'];
          label?: string | null;
          organization_id: string;
          property_id: string;
          settled_at?: string | null;
          status?: Database['public']['Enums']['folio_status'];
          table_resource_id?: string | null;
          updated_at?: string;
        };
        Update: {
          balance_minor?: number;
          booking_id?: string | null;
          charges_minor?: number;
          created_at?: string;
          created_by?: string | null;
          currency?: string;
          guest_id?: string | null;
          id?: string;
          kind?: Database['public']['Enums']['folio_kind'];
          label?: string | null;
          organization_id?: string;
          property_id?: string;
          settled_at?: string | null;
          status?: Database['public']['Enums']['folio_status'];
          table_resource_id?: string | null;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: 'folios_booking_fkey';
            columns: ['organization_id', 'booking_id'];
            isOneToOne: false;
            referencedRelation: 'bookings';
            referencedColumns: ['organization_id', 'id'];
          },
          {
            foreignKeyName: 'folios_guest_fkey';
            columns: ['organization_id', 'guest_id'];
            isOneToOne: false;
            referencedRelation: 'guests';
            referencedColumns: ['organization_id', 'id'];
          },
          {
            foreignKeyName: 'folios_property_fkey';
            columns: ['organization_id', 'property_id'];
            isOneToOne: false;
            referencedRelation: 'properties';
            referencedColumns: ['organization_id', 'id'];
          },
          {
            foreignKeyName: 'folios_table_fkey';
            columns: ['property_id', 'table_resource_id'];
            isOneToOne: false;
            referencedRelation: 'resources';
            referencedColumns: ['property_id', 'id'];
          },
        ];
      };
      forecasts: {
        Row: {
          backtest_mape: number | null;
          backtest_wape: number | null;
          baseline_mape: number | null;
          baseline_wape: number | null;
          created_at: string;
          forecast_date: string;
          id: string;
          job_id: string | null;
          kind: Database['public']['Enums']['forecast_kind'];
          model_version: string;
          organization_id: string;
          property_id: string;
          trained_through: string;
          updated_at: string;
          value: number;
        };
        Insert: {
          backtest_mape?: number | null;
          backtest_wape?: number | null;
          baseline_mape?: number | null;
          baseline_wape?: number | null;
          created_at?: string;
          forecast_date: string;
          id?: string;
          job_id?: string | null;
          kind: Database['public']['Enums']['forecast_kind'];
          model_version: string;
          organization_id: string;
          property_id: string;
          trained_through: string;
          updated_at?: string;
          value: number;
        };
        Update: {
          backtest_mape?: number | null;
          backtest_wape?: number | null;
          baseline_mape?: number | null;
          baseline_wape?: number | null;
          created_at?: string;
          forecast_date?: string;
          id?: string;
          job_id?: string | null;
          kind?: Database['public']['Enums']['forecast_kind'];
          model_version?: string;
          organization_id?: string;
          property_id?: string;
          trained_through?: string;
          updated_at?: string;
          value?: number;
        };
        Relationships: [
          {
            foreignKeyName: 'forecasts_property_fkey';
            columns: ['organization_id', 'property_id'];
            isOneToOne: false;
            referencedRelation: 'properties';
            referencedColumns: ['organization_id', 'id'];
          },
        ];
      };
      guest_data_requests: {
        Row: {
          attempts: number;
          channel: string;
          created_at: string;
          error: Json | null;
          finished_at: string | null;
          guest_id: string;
          id: string;
          kind: string;
          object_name: string | null;
          organization_id: string;
          progress: number;
          pseudonym: string | null;
          requested_by: string | null;
          started_at: string | null;
          status: string;
          summary: Json | null;
          updated_at: string;
        };
        Insert: {
          attempts?: number;
          channel?: string;
          created_at?: string;
          error?: Json | null;
          finished_at?: string | null;
          guest_id: string;
          id?: string;
          kind: string;
          object_name?: string | null;
          organization_id: string;
          progress?: number;
          pseudonym?: string | null;
          requested_by?: string | null;
          started_at?: string | null;
          status?: string;
          summary?: Json | null;
          updated_at?: string;
        };
        Update: {
          attempts?: number;
          channel?: string;
          created_at?: string;
          error?: Json | null;
          finished_at?: string | null;
          guest_id?: string;
          id?: string;
          kind?: string;
          object_name?: string | null;
          organization_id?: string;
          progress?: number;
          pseudonym?: string | null;
          requested_by?: string | null;
          started_at?: string | null;
          status?: string;
          summary?: Json | null;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: 'guest_data_requests_organization_id_fkey';
            columns: ['organization_id'];
            isOneToOne: false;
            referencedRelation: 'organizations';
            referencedColumns: ['id'];
          },
        ];
      };
      guest_identity_documents: {
        Row: {
          birth_date: string | null;
          booking_id: string;
          captured_by: string | null;
          created_at: string;
          delete_after: string;
          document_number: string | null;
          document_type: string;
          expiry_date: string | null;
          guest_id: string;
          id: string;
          issuing_country: string | null;
          nationality: string | null;
          organization_id: string;
          property_id: string;
        };
        Insert: {
          birth_date?: string | null;
          booking_id: string;
          captured_by?: string | null;
          created_at?: string;
          delete_after: string;
          document_number?: string | null;
          document_type: string;
          expiry_date?: string | null;
          guest_id: string;
          id?: string;
          issuing_country?: string | null;
          nationality?: string | null;
          organization_id: string;
          property_id: string;
        };
        Update: {
          birth_date?: string | null;
          booking_id?: string;
          captured_by?: string | null;
          created_at?: string;
          delete_after?: string;
          document_number?: string | null;
          document_type?: string;
          expiry_date?: string | null;
          guest_id?: string;
          id?: string;
          issuing_country?: string | null;
          nationality?: string | null;
          organization_id?: string;
          property_id?: string;
        };
        Relationships: [
          {
            foreignKeyName: 'guest_identity_documents_booking_fkey';
            columns: ['organization_id', 'booking_id'];
            isOneToOne: false;
            referencedRelation: 'bookings';
            referencedColumns: ['organization_id', 'id'];
          },
          {
            foreignKeyName: 'guest_identity_documents_guest_fkey';
            columns: ['organization_id', 'guest_id'];
            isOneToOne: false;
            referencedRelation: 'guests';
            referencedColumns: ['organization_id', 'id'];
          },
          {
            foreignKeyName: 'guest_identity_documents_property_fkey';
            columns: ['organization_id', 'property_id'];
            isOneToOne: false;
            referencedRelation: 'properties';
            referencedColumns: ['organization_id', 'id'];
          },
        ];
      };
      guests: {
        Row: {
          created_at: string;
          email: string | null;
          erased_at: string | null;
          full_name: string;
          id: string;
          language: string | null;
          loyalty_points: number;
          marketing_consent: boolean;
          marketing_consent_at: string | null;
          notes: string | null;
          organization_id: string;
          phone: string | null;
          tags: string[];
          updated_at: string;
        };
        Insert: {
          created_at?: string;
          email?: string | null;
          erased_at?: string | null;
          full_name: string;
          id?: string;
          language?: string | null;
          loyalty_points?: number;
          marketing_consent?: boolean;
          marketing_consent_at?: string | null;
          notes?: string | null;
          organization_id: string;
          phone?: string | null;
          tags?: string[];
          updated_at?: string;
        };
        Update: {
          created_at?: string;
          email?: string | null;
          erased_at?: string | null;
          full_name?: string;
          id?: string;
          language?: string | null;
          loyalty_points?: number;
          marketing_consent?: boolean;
          marketing_consent_at?: string | null;
          notes?: string | null;
          organization_id?: string;
          phone?: string | null;
          tags?: string[];
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: 'guests_organization_id_fkey';
            columns: ['organization_id'];
            isOneToOne: false;
            referencedRelation: 'organizations';
            referencedColumns: ['id'];
          },
        ];
      };
      housekeeping_room_types: {
        Row: {
          checklist: string[];
          created_at: string;
          credits: number;
          id: string;
          organization_id: string;
          property_id: string;
          resource_type_id: string;
          updated_at: string;
        };
        Insert: {
          checklist?: string[];
          created_at?: string;
          credits?: number;
          id?: string;
          organization_id: string;
          property_id: string;
          resource_type_id: string;
          updated_at?: string;
        };
        Update: {
          checklist?: string[];
          created_at?: string;
          credits?: number;
          id?: string;
          organization_id?: string;
          property_id?: string;
          resource_type_id?: string;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: 'housekeeping_room_types_property_fkey';
            columns: ['organization_id', 'property_id'];
            isOneToOne: false;
            referencedRelation: 'properties';
            referencedColumns: ['organization_id', 'id'];
          },
          {
            foreignKeyName: 'housekeeping_room_types_type_fkey';
            columns: ['property_id', 'resource_type_id'];
            isOneToOne: false;
            referencedRelation: 'resource_types';
            referencedColumns: ['property_id', 'id'];
          },
        ];
      };
      housekeeping_shifts: {
        Row: {
          created_at: string;
          day: string;
          id: string;
          organization_id: string;
          property_id: string;
          user_id: string;
        };
        Insert: {
          created_at?: string;
          day: string;
          id?: string;
          organization_id: string;
          property_id: string;
          user_id: string;
        };
        Update: {
          created_at?: string;
          day?: string;
          id?: string;
          organization_id?: string;
          property_id?: string;
          user_id?: string;
        };
        Relationships: [
          {
            foreignKeyName: 'housekeeping_shifts_property_fkey';
            columns: ['organization_id', 'property_id'];
            isOneToOne: false;
            referencedRelation: 'properties';
            referencedColumns: ['organization_id', 'id'];
          },
        ];
      };
      housekeeping_tasks: {
        Row: {
          arrival_due: boolean;
          assignee_id: string | null;
          created_at: string;
          credits: number;
          day: string;
          failed_items: string[];
          finished_at: string | null;
          finished_by: string | null;
          id: string;
          inspected_at: string | null;
          inspected_by: string | null;
          inspection_notes: string | null;
          kind: Database['public']['Enums']['housekeeping_task_kind'];
          notes: string | null;
          organization_id: string;
          position: number;
          property_id: string;
          resource_id: string;
          started_at: string | null;
          status: Database['public']['Enums']['housekeeping_task_status'];
          updated_at: string;
        };
        Insert: {
          arrival_due?: boolean;
          assignee_id?: string | null;
          created_at?: string;
          credits: number;
          day: string;
          failed_items?: string[];
          finished_at?: string | null;
          finished_by?: string | null;
          id?: string;
          inspected_at?: string | null;
          inspected_by?: string | null;
          inspection_notes?: string | null;
          kind: Database['public']['Enums']['housekeeping_task_kind'];
          notes?: string | null;
          organization_id: string;
          position?: number;
          property_id: string;
          resource_id: string;
          started_at?: string | null;
          status?: Database['public']['Enums']['housekeeping_task_status'];
          updated_at?: string;
        };
        Update: {
          arrival_due?: boolean;
          assignee_id?: string | null;
          created_at?: string;
          credits?: number;
          day?: string;
          failed_items?: string[];
          finished_at?: string | null;
          finished_by?: string | null;
          id?: string;
          inspected_at?: string | null;
          inspected_by?: string | null;
          inspection_notes?: string | null;
          kind?: Database['public']['Enums']['housekeeping_task_kind'];
          notes?: string | null;
          organization_id?: string;
          position?: number;
          property_id?: string;
          resource_id?: string;
          started_at?: string | null;
          status?: Database['public']['Enums']['housekeeping_task_status'];
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: 'housekeeping_tasks_property_fkey';
            columns: ['organization_id', 'property_id'];
            isOneToOne: false;
            referencedRelation: 'properties';
            referencedColumns: ['organization_id', 'id'];
          },
          {
            foreignKeyName: 'housekeeping_tasks_resource_fkey';
            columns: ['property_id', 'resource_id'];
            isOneToOne: false;
            referencedRelation: 'resources';
            referencedColumns: ['property_id', 'id'];
          },
        ];
      };
      invitation_property_access: {
        Row: {
          created_at: string;
          id: string;
          invitation_id: string;
          organization_id: string;
          property_id: string;
        };
        Insert: {
          created_at?: string;
          id?: string;
          invitation_id: string;
          organization_id: string;
          property_id: string;
        };
        Update: {
          created_at?: string;
          id?: string;
          invitation_id?: string;
          organization_id?: string;
          property_id?: string;
        };
        Relationships: [
          {
            foreignKeyName: 'invitation_property_access_invitation_fkey';
            columns: ['organization_id', 'invitation_id'];
            isOneToOne: false;
            referencedRelation: 'invitations';
            referencedColumns: ['organization_id', 'id'];
          },
          {
            foreignKeyName: 'invitation_property_access_property_fkey';
            columns: ['organization_id', 'property_id'];
            isOneToOne: false;
            referencedRelation: 'properties';
            referencedColumns: ['organization_id', 'id'];
          },
        ];
      };
      invitations: {
        Row: {
          accepted_at: string | null;
          accepted_by: string | null;
          all_properties: boolean;
          created_at: string;
          email: string;
          expires_at: string;
          id: string;
          invited_by: string | null;
          organization_id: string;
          revoked_at: string | null;
          role: Database['public']['Enums']['org_role'];
          token_hash: string;
          updated_at: string;
        };
        Insert: {
          accepted_at?: string | null;
          accepted_by?: string | null;
          all_properties?: boolean;
          created_at?: string;
          email: string;
          expires_at: string;
          id?: string;
          invited_by?: string | null;
          organization_id: string;
          revoked_at?: string | null;
          role: Database['public']['Enums']['org_role'];
          token_hash: string;
          updated_at?: string;
        };
        Update: {
          accepted_at?: string | null;
          accepted_by?: string | null;
          all_properties?: boolean;
          created_at?: string;
          email?: string;
          expires_at?: string;
          id?: string;
          invited_by?: string | null;
          organization_id?: string;
          revoked_at?: string | null;
          role?: Database['public']['Enums']['org_role'];
          token_hash?: string;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: 'invitations_organization_id_fkey';
            columns: ['organization_id'];
            isOneToOne: false;
            referencedRelation: 'organizations';
            referencedColumns: ['id'];
          },
        ];
      };
      item_availability: {
        Row: {
          created_at: string;
          id: string;
          item_id: string;
          low_stock: boolean | null;
          low_stock_threshold: number;
          organization_id: string;
          price_override_minor: number | null;
          property_id: string;
          stock_count: number | null;
          updated_at: string;
        };
        Insert: {
          created_at?: string;
          id?: string;
          item_id: string;
          low_stock?: boolean | null;
          low_stock_threshold?: number;
          organization_id: string;
          price_override_minor?: number | null;
          property_id: string;
          stock_count?: number | null;
          updated_at?: string;
        };
        Update: {
          created_at?: string;
          id?: string;
          item_id?: string;
          low_stock?: boolean | null;
          low_stock_threshold?: number;
          organization_id?: string;
          price_override_minor?: number | null;
          property_id?: string;
          stock_count?: number | null;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: 'item_availability_item_fkey';
            columns: ['organization_id', 'item_id'];
            isOneToOne: false;
            referencedRelation: 'catalogue_items';
            referencedColumns: ['organization_id', 'id'];
          },
          {
            foreignKeyName: 'item_availability_property_fkey';
            columns: ['organization_id', 'property_id'];
            isOneToOne: false;
            referencedRelation: 'properties';
            referencedColumns: ['organization_id', 'id'];
          },
        ];
      };
      item_modifier_groups: {
        Row: {
          created_at: string;
          group_id: string;
          id: string;
          item_id: string;
          organization_id: string;
          sort_order: number;
          updated_at: string;
        };
        Insert: {
          created_at?: string;
          group_id: string;
          id?: string;
          item_id: string;
          organization_id: string;
          sort_order?: number;
          updated_at?: string;
        };
        Update: {
          created_at?: string;
          group_id?: string;
          id?: string;
          item_id?: string;
          organization_id?: string;
          sort_order?: number;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: 'item_modifier_groups_group_fkey';
            columns: ['organization_id', 'group_id'];
            isOneToOne: false;
            referencedRelation: 'modifier_groups';
            referencedColumns: ['organization_id', 'id'];
          },
          {
            foreignKeyName: 'item_modifier_groups_item_fkey';
            columns: ['organization_id', 'item_id'];
            isOneToOne: false;
            referencedRelation: 'catalogue_items';
            referencedColumns: ['organization_id', 'id'];
          },
        ];
      };
      jobs: {
        Row: {
          attempts: number;
          created_at: string;
          created_by: string | null;
          error: Json | null;
          finished_at: string | null;
          id: string;
          input: Json;
          kind: string;
          organization_id: string;
          progress: number;
          property_id: string;
          request_id: string | null;
          result: Json | null;
          started_at: string | null;
          status: string;
          updated_at: string;
        };
        Insert: {
          attempts?: number;
          created_at?: string;
          created_by?: string | null;
          error?: Json | null;
          finished_at?: string | null;
          id?: string;
          input?: Json;
          kind: string;
          organization_id: string;
          progress?: number;
          property_id: string;
          request_id?: string | null;
          result?: Json | null;
          started_at?: string | null;
          status?: string;
          updated_at?: string;
        };
        Update: {
          attempts?: number;
          created_at?: string;
          created_by?: string | null;
          error?: Json | null;
          finished_at?: string | null;
          id?: string;
          input?: Json;
          kind?: string;
          organization_id?: string;
          progress?: number;
          property_id?: string;
          request_id?: string | null;
          result?: Json | null;
          started_at?: string | null;
          status?: string;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: 'jobs_property_fkey';
            columns: ['organization_id', 'property_id'];
            isOneToOne: false;
            referencedRelation: 'properties';
            referencedColumns: ['organization_id', 'id'];
          },
        ];
      };
      lost_and_found_items: {
        Row: {
          created_at: string;
          description: string;
          found_at: string;
          found_by: string | null;
          id: string;
          organization_id: string;
          property_id: string;
          resource_id: string | null;
          task_id: string | null;
          updated_at: string;
        };
        Insert: {
          created_at?: string;
          description: string;
          found_at?: string;
          found_by?: string | null;
          id?: string;
          organization_id: string;
          property_id: string;
          resource_id?: string | null;
          task_id?: string | null;
          updated_at?: string;
        };
        Update: {
          created_at?: string;
          description?: string;
          found_at?: string;
          found_by?: string | null;
          id?: string;
          organization_id?: string;
          property_id?: string;
          resource_id?: string | null;
          task_id?: string | null;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: 'lost_and_found_items_property_fkey';
            columns: ['organization_id', 'property_id'];
            isOneToOne: false;
            referencedRelation: 'properties';
            referencedColumns: ['organization_id', 'id'];
          },
          {
            foreignKeyName: 'lost_and_found_items_resource_fkey';
            columns: ['property_id', 'resource_id'];
            isOneToOne: false;
            referencedRelation: 'resources';
            referencedColumns: ['property_id', 'id'];
          },
          {
            foreignKeyName: 'lost_and_found_items_task_fkey';
            columns: ['property_id', 'task_id'];
            isOneToOne: false;
            referencedRelation: 'housekeeping_tasks';
            referencedColumns: ['property_id', 'id'];
          },
        ];
      };
      loyalty_ledger: {
        Row: {
          created_at: string;
          created_by: string | null;
          folio_id: string | null;
          guest_id: string;
          id: string;
          organization_id: string;
          points: number;
          reason: string;
          updated_at: string;
        };
        Insert: {
          created_at?: string;
          created_by?: string | null;
          folio_id?: string | null;
          guest_id: string;
          id?: string;
          organization_id: string;
          points: number;
          reason: string;
          updated_at?: string;
        };
        Update: {
          created_at?: string;
          created_by?: string | null;
          folio_id?: string | null;
          guest_id?: string;
          id?: string;
          organization_id?: string;
          points?: number;
          reason?: string;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: 'loyalty_ledger_folio_fkey';
            columns: ['organization_id', 'folio_id'];
            isOneToOne: false;
            referencedRelation: 'folios';
            referencedColumns: ['organization_id', 'id'];
          },
          {
            foreignKeyName: 'loyalty_ledger_guest_fkey';
            columns: ['organization_id', 'guest_id'];
            isOneToOne: false;
            referencedRelation: 'guests';
            referencedColumns: ['organization_id', 'id'];
          },
        ];
      };
      maintenance_schedules: {
        Row: {
          active: boolean;
          area: string | null;
          created_at: string;
          description: string | null;
          every_months: number;
          id: string;
          next_due_on: string;
          organization_id: string;
          priority: string;
          property_id: string;
          resource_id: string | null;
          title: string;
          updated_at: string;
        };
        Insert: {
          active?: boolean;
          area?: string | null;
          created_at?: string;
          description?: string | null;
          every_months: number;
          id?: string;
          next_due_on: string;
          organization_id: string;
          priority?: string;
          property_id: string;
          resource_id?: string | null;
          title: string;
          updated_at?: string;
        };
        Update: {
          active?: boolean;
          area?: string | null;
          created_at?: string;
          description?: string | null;
          every_months?: number;
          id?: string;
          next_due_on?: string;
          organization_id?: string;
          priority?: string;
          property_id?: string;
          resource_id?: string | null;
          title?: string;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: 'maintenance_schedules_property_fkey';
            columns: ['organization_id', 'property_id'];
            isOneToOne: false;
            referencedRelation: 'properties';
            referencedColumns: ['organization_id', 'id'];
          },
          {
            foreignKeyName: 'maintenance_schedules_resource_fkey';
            columns: ['property_id', 'resource_id'];
            isOneToOne: false;
            referencedRelation: 'resources';
            referencedColumns: ['property_id', 'id'];
          },
        ];
      };
      member_property_access: {
        Row: {
          created_at: string;
          id: string;
          organization_id: string;
          property_id: string;
          updated_at: string;
          user_id: string;
        };
        Insert: {
          created_at?: string;
          id?: string;
          organization_id: string;
          property_id: string;
          updated_at?: string;
          user_id: string;
        };
        Update: {
          created_at?: string;
          id?: string;
          organization_id?: string;
          property_id?: string;
          updated_at?: string;
          user_id?: string;
        };
        Relationships: [
          {
            foreignKeyName: 'member_property_access_membership_fkey';
            columns: ['organization_id', 'user_id'];
            isOneToOne: false;
            referencedRelation: 'memberships';
            referencedColumns: ['organization_id', 'user_id'];
          },
          {
            foreignKeyName: 'member_property_access_property_fkey';
            columns: ['organization_id', 'property_id'];
            isOneToOne: false;
            referencedRelation: 'properties';
            referencedColumns: ['organization_id', 'id'];
          },
        ];
      };
      memberships: {
        Row: {
          all_properties: boolean;
          created_at: string;
          id: string;
          organization_id: string;
          role: Database['public']['Enums']['org_role'];
          updated_at: string;
          user_id: string;
        };
        Insert: {
          all_properties?: boolean;
          created_at?: string;
          id?: string;
          organization_id: string;
          role: Database['public']['Enums']['org_role'];
          updated_at?: string;
          user_id: string;
        };
        Update: {
          all_properties?: boolean;
          created_at?: string;
          id?: string;
          organization_id?: string;
          role?: Database['public']['Enums']['org_role'];
          updated_at?: string;
          user_id?: string;
        };
        Relationships: [
          {
            foreignKeyName: 'memberships_organization_id_fkey';
            columns: ['organization_id'];
            isOneToOne: false;
            referencedRelation: 'organizations';
            referencedColumns: ['id'];
          },
        ];
      };
      modifier_groups: {
        Row: {
          created_at: string;
          id: string;
          max_choices: number;
          min_choices: number;
          name: string;
          organization_id: string;
          required: boolean;
          updated_at: string;
        };
        Insert: {
          created_at?: string;
          id?: string;
          max_choices?: number;
          min_choices?: number;
          name: string;
          organization_id: string;
          required?: boolean;
          updated_at?: string;
        };
        Update: {
          created_at?: string;
          id?: string;
          max_choices?: number;
          min_choices?: number;
          name?: string;
          organization_id?: string;
          required?: boolean;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: 'modifier_groups_organization_id_fkey';
            columns: ['organization_id'];
            isOneToOne: false;
            referencedRelation: 'organizations';
            referencedColumns: ['id'];
          },
        ];
      };
      modifier_options: {
        Row: {
          active: boolean;
          created_at: string;
          group_id: string;
          id: string;
          name: string;
          organization_id: string;
          price_delta_minor: number;
          sort_order: number;
          updated_at: string;
        };
        Insert: {
          active?: boolean;
          created_at?: string;
          group_id: string;
          id?: string;
          name: string;
          organization_id: string;
          price_delta_minor?: number;
          sort_order?: number;
          updated_at?: string;
        };
        Update: {
          active?: boolean;
          created_at?: string;
          group_id?: string;
          id?: string;
          name?: string;
          organization_id?: string;
          price_delta_minor?: number;
          sort_order?: number;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: 'modifier_options_group_fkey';
            columns: ['organization_id', 'group_id'];
            isOneToOne: false;
            referencedRelation: 'modifier_groups';
            referencedColumns: ['organization_id', 'id'];
          },
        ];
      };
      notification_preferences: {
        Row: {
          email: boolean;
          event: Database['public']['Enums']['notification_event'];
          in_app: boolean;
          updated_at: string;
          user_id: string;
        };
        Insert: {
          email?: boolean;
          event: Database['public']['Enums']['notification_event'];
          in_app?: boolean;
          updated_at?: string;
          user_id: string;
        };
        Update: {
          email?: boolean;
          event?: Database['public']['Enums']['notification_event'];
          in_app?: boolean;
          updated_at?: string;
          user_id?: string;
        };
        Relationships: [];
      };
      notifications: {
        Row: {
          body: string;
          created_at: string;
          event: Database['public']['Enums']['notification_event'];
          id: string;
          link: string | null;
          property_id: string | null;
          read_at: string | null;
          title: string;
          user_id: string;
        };
        Insert: {
          body?: string;
          created_at?: string;
          event: Database['public']['Enums']['notification_event'];
          id?: string;
          link?: string | null;
          property_id?: string | null;
          read_at?: string | null;
          title: string;
          user_id: string;
        };
        Update: {
          body?: string;
          created_at?: string;
          event?: Database['public']['Enums']['notification_event'];
          id?: string;
          link?: string | null;
          property_id?: string | null;
          read_at?: string | null;
          title?: string;
          user_id?: string;
        };
        Relationships: [
          {
            foreignKeyName: 'notifications_property_id_fkey';
            columns: ['property_id'];
            isOneToOne: false;
            referencedRelation: 'properties';
            referencedColumns: ['id'];
          },
        ];
      };
      order_items: {
        Row: {
          course: number | null;
          created_at: string;
          created_by: string | null;
          discount_minor: number;
          id: string;
          item_id: string | null;
          item_name: string;
          line_subtotal_minor: number | null;
          line_total_minor: number | null;
          note: string | null;
          options: Json;
          options_total_minor: number;
          order_id: string;
          organization_id: string;
          prices_include_tax: boolean;
          property_id: string;
          quantity: number;
          ready_at: string | null;
          round_key: string | null;
          seat: number | null;
          station_id: string | null;
          status: Database['public']['Enums']['order_item_status'];
          stock_deducted: boolean;
          tax_minor: number;
          tax_rate_bp: number;
          unit_price_minor: number;
          updated_at: string;
          void_reason: string | null;
          voided_at: string | null;
          voided_by: string | null;
        };
        Insert: {
          course?: number | null;
          created_at?: string;
          created_by?: string | null;
          discount_minor?: number;
          id?: string;
          item_id?: string | null;
          item_name: string;
          line_subtotal_minor?: number | null;
          line_total_minor?: number | null;
          note?: string | null;
          options?: Json;
          options_total_minor?: number;
          order_id: string;
          organization_id: string;
          prices_include_tax?: boolean;
          property_id: string;
          quantity: number;
          ready_at?: string | null;
          round_key?: string | null;
          seat?: number | null;
          station_id?: string | null;
          status?: Database['public']['Enums']['order_item_status'];
          stock_deducted?: boolean;
          tax_minor?: number;
          tax_rate_bp: number;
          unit_price_minor: number;
          updated_at?: string;
          void_reason?: string | null;
          voided_at?: string | null;
          voided_by?: string | null;
        };
        Update: {
          course?: number | null;
          created_at?: string;
          created_by?: string | null;
          discount_minor?: number;
          id?: string;
          item_id?: string | null;
          item_name?: string;
          line_subtotal_minor?: number | null;
          line_total_minor?: number | null;
          note?: string | null;
          options?: Json;
          options_total_minor?: number;
          order_id?: string;
          organization_id?: string;
          prices_include_tax?: boolean;
          property_id?: string;
          quantity?: number;
          ready_at?: string | null;
          round_key?: string | null;
          seat?: number | null;
          station_id?: string | null;
          status?: Database['public']['Enums']['order_item_status'];
          stock_deducted?: boolean;
          tax_minor?: number;
          tax_rate_bp?: number;
          unit_price_minor?: number;
          updated_at?: string;
          void_reason?: string | null;
          voided_at?: string | null;
          voided_by?: string | null;
        };
        Relationships: [
          {
            foreignKeyName: 'order_items_item_fkey';
            columns: ['organization_id', 'item_id'];
            isOneToOne: false;
            referencedRelation: 'catalogue_items';
            referencedColumns: ['organization_id', 'id'];
          },
          {
            foreignKeyName: 'order_items_order_fkey';
            columns: ['organization_id', 'property_id', 'order_id'];
            isOneToOne: false;
            referencedRelation: 'orders';
            referencedColumns: ['organization_id', 'property_id', 'id'];
          },
          {
            foreignKeyName: 'order_items_station_fkey';
            columns: ['property_id', 'station_id'];
            isOneToOne: false;
            referencedRelation: 'stations';
            referencedColumns: ['property_id', 'id'];
          },
        ];
      };
      order_settings: {
        Row: {
          created_at: string;
          id: string;
          organization_id: string;
          prices_include_tax: boolean;
          property_id: string;
          service_charge_bp: number;
          takeaway_closes: string;
          takeaway_lead_minutes: number;
          takeaway_opens: string;
          updated_at: string;
        };
        Insert: {
          created_at?: string;
          id?: string;
          organization_id: string;
          prices_include_tax?: boolean;
          property_id: string;
          service_charge_bp?: number;
          takeaway_closes?: string;
          takeaway_lead_minutes?: number;
          takeaway_opens?: string;
          updated_at?: string;
        };
        Update: {
          created_at?: string;
          id?: string;
          organization_id?: string;
          prices_include_tax?: boolean;
          property_id?: string;
          service_charge_bp?: number;
          takeaway_closes?: string;
          takeaway_lead_minutes?: number;
          takeaway_opens?: string;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: 'order_settings_property_fkey';
            columns: ['organization_id', 'property_id'];
            isOneToOne: false;
            referencedRelation: 'properties';
            referencedColumns: ['organization_id', 'id'];
          },
        ];
      };
      orders: {
        Row: {
          bill_requested_at: string | null;
          booking_id: string | null;
          closed_at: string | null;
          created_at: string;
          created_by: string | null;
          currency: string;
          discount_bp: number | null;
          discount_by: string | null;
          discount_fixed_minor: number | null;
          discount_minor: number;
          discount_reason: string | null;
          folio_id: string | null;
          guest_name: string | null;
          id: string;
          idempotency_fingerprint: string | null;
          idempotency_key: string | null;
          kind: Database['public']['Enums']['order_kind'];
          organization_id: string;
          pay_by: string | null;
          pickup_at: string | null;
          prices_include_tax: boolean;
          property_id: string;
          service_charge_bp: number;
          service_charge_minor: number;
          source: string;
          status: Database['public']['Enums']['order_status'];
          submitted_at: string | null;
          subtotal_minor: number;
          table_resource_id: string | null;
          tax_minor: number;
          total_minor: number;
          updated_at: string;
          void_reason: string | null;
          voided_at: string | null;
          voided_by: string | null;
        };
        Insert: {
          bill_requested_at?: string | null;
          booking_id?: string | null;
          closed_at?: string | null;
          created_at?: string;
          created_by?: string | null;
          currency: string;
          discount_bp?: number | null;
          discount_by?: string | null;
          discount_fixed_minor?: number | null;
          discount_minor?: number;
          discount_reason?: string | null;
          folio_id?: string | null;
          guest_name?: string | null;
          id?: string;
          idempotency_fingerprint?: string | null;
          idempotency_key?: string | null;
          kind: Database['public']['Enums']['order_kind'];
          organization_id: string;
          pay_by?: string | null;
          pickup_at?: string | null;
          prices_include_tax?: boolean;
          property_id: string;
          service_charge_bp?: number;
          service_charge_minor?: number;
          source?: string;
          status?: Database['public']['Enums']['order_status'];
          submitted_at?: string | null;
          subtotal_minor?: number;
          table_resource_id?: string | null;
          tax_minor?: number;
          total_minor?: number;
          updated_at?: string;
          void_reason?: string | null;
          voided_at?: string | null;
          voided_by?: string | null;
        };
        Update: {
          bill_requested_at?: string | null;
          booking_id?: string | null;
          closed_at?: string | null;
          created_at?: string;
          created_by?: string | null;
          currency?: string;
          discount_bp?: number | null;
          discount_by?: string | null;
          discount_fixed_minor?: number | null;
          discount_minor?: number;
          discount_reason?: string | null;
          folio_id?: string | null;
          guest_name?: string | null;
          id?: string;
          idempotency_fingerprint?: string | null;
          idempotency_key?: string | null;
          kind?: Database['public']['Enums']['order_kind'];
          organization_id?: string;
          pay_by?: string | null;
          pickup_at?: string | null;
          prices_include_tax?: boolean;
          property_id?: string;
          service_charge_bp?: number;
          service_charge_minor?: number;
          source?: string;
          status?: Database['public']['Enums']['order_status'];
          submitted_at?: string | null;
          subtotal_minor?: number;
          table_resource_id?: string | null;
          tax_minor?: number;
          total_minor?: number;
          updated_at?: string;
          void_reason?: string | null;
          voided_at?: string | null;
          voided_by?: string | null;
        };
        Relationships: [
          {
            foreignKeyName: 'orders_booking_fkey';
            columns: ['organization_id', 'booking_id'];
            isOneToOne: false;
            referencedRelation: 'bookings';
            referencedColumns: ['organization_id', 'id'];
          },
          {
            foreignKeyName: 'orders_folio_fkey';
            columns: ['organization_id', 'folio_id'];
            isOneToOne: false;
            referencedRelation: 'folios';
            referencedColumns: ['organization_id', 'id'];
          },
          {
            foreignKeyName: 'orders_property_fkey';
            columns: ['organization_id', 'property_id'];
            isOneToOne: false;
            referencedRelation: 'properties';
            referencedColumns: ['organization_id', 'id'];
          },
          {
            foreignKeyName: 'orders_table_resource_fkey';
            columns: ['property_id', 'table_resource_id'];
            isOneToOne: false;
            referencedRelation: 'resources';
            referencedColumns: ['property_id', 'id'];
          },
        ];
      };
      organization_deletion_requests: {
        Row: {
          cancelled_at: string | null;
          cancelled_by: string | null;
          created_at: string;
          delete_after: string;
          id: string;
          organization_id: string;
          requested_at: string;
          requested_by: string | null;
          started_at: string | null;
        };
        Insert: {
          cancelled_at?: string | null;
          cancelled_by?: string | null;
          created_at?: string;
          delete_after: string;
          id?: string;
          organization_id: string;
          requested_at?: string;
          requested_by?: string | null;
          started_at?: string | null;
        };
        Update: {
          cancelled_at?: string | null;
          cancelled_by?: string | null;
          created_at?: string;
          delete_after?: string;
          id?: string;
          organization_id?: string;
          requested_at?: string;
          requested_by?: string | null;
          started_at?: string | null;
        };
        Relationships: [
          {
            foreignKeyName: 'organization_deletion_requests_organization_id_fkey';
            columns: ['organization_id'];
            isOneToOne: false;
            referencedRelation: 'organizations';
            referencedColumns: ['id'];
          },
        ];
      };
      organization_exports: {
        Row: {
          created_at: string;
          error: string | null;
          finished_at: string | null;
          id: string;
          object_name: string | null;
          objects_exported: number | null;
          organization_id: string;
          progress: number;
          requested_by: string | null;
          rows_exported: number | null;
          size_bytes: number | null;
          started_at: string | null;
          status: string;
        };
        Insert: {
          created_at?: string;
          error?: string | null;
          finished_at?: string | null;
          id?: string;
          object_name?: string | null;
          objects_exported?: number | null;
          organization_id: string;
          progress?: number;
          requested_by?: string | null;
          rows_exported?: number | null;
          size_bytes?: number | null;
          started_at?: string | null;
          status?: string;
        };
        Update: {
          created_at?: string;
          error?: string | null;
          finished_at?: string | null;
          id?: string;
          object_name?: string | null;
          objects_exported?: number | null;
          organization_id?: string;
          progress?: number;
          requested_by?: string | null;
          rows_exported?: number | null;
          size_bytes?: number | null;
          started_at?: string | null;
          status?: string;
        };
        Relationships: [
          {
            foreignKeyName: 'organization_exports_organization_id_fkey';
            columns: ['organization_id'];
            isOneToOne: false;
            referencedRelation: 'organizations';
            referencedColumns: ['id'];
          },
        ];
      };
      organizations: {
        Row: {
          created_at: string;
          created_by: string | null;
          currency: string;
          email_brand_color: string | null;
          email_reply_to: string | null;
          email_sender_name: string | null;
          id: string;
          locale: string;
          logo_path: string | null;
          name: string;
          require_admin_mfa: boolean;
          slug: string;
          time_zone: string;
          updated_at: string;
        };
        Insert: {
          created_at?: string;
          created_by?: string | null;
          currency?: string;
          email_brand_color?: string | null;
          email_reply_to?: string | null;
          email_sender_name?: string | null;
          id?: string;
          locale?: string;
          logo_path?: string | null;
          name: string;
          require_admin_mfa?: boolean;
          slug: string;
          time_zone?: string;
          updated_at?: string;
        };
        Update: {
          created_at?: string;
          created_by?: string | null;
          currency?: string;
          email_brand_color?: string | null;
          email_reply_to?: string | null;
          email_sender_name?: string | null;
          id?: string;
          locale?: string;
          logo_path?: string | null;
          name?: string;
          require_admin_mfa?: boolean;
          slug?: string;
          time_zone?: string;
          updated_at?: string;
        };
        Relationships: [];
      };
      payment_accounts: {
        Row: {
          charges_enabled: boolean;
          created_at: string;
          details_submitted: boolean;
          id: string;
          organization_id: string;
          payouts_enabled: boolean;
          stripe_account_id: string;
          updated_at: string;
        };
        Insert: {
          charges_enabled?: boolean;
          created_at?: string;
          details_submitted?: boolean;
          id?: string;
          organization_id: string;
          payouts_enabled?: boolean;
          stripe_account_id: string;
          updated_at?: string;
        };
        Update: {
          charges_enabled?: boolean;
          created_at?: string;
          details_submitted?: boolean;
          id?: string;
          organization_id?: string;
          payouts_enabled?: boolean;
          stripe_account_id?: string;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: 'payment_accounts_organization_id_fkey';
            columns: ['organization_id'];
            isOneToOne: true;
            referencedRelation: 'organizations';
            referencedColumns: ['id'];
          },
        ];
      };
      profiles: {
        Row: {
          avatar_path: string | null;
          created_at: string;
          display_name: string | null;
          updated_at: string;
          user_id: string;
        };
        Insert: {
          avatar_path?: string | null;
          created_at?: string;
          display_name?: string | null;
          updated_at?: string;
          user_id: string;
        };
        Update: {
          avatar_path?: string | null;
          created_at?: string;
          display_name?: string | null;
          updated_at?: string;
          user_id?: string;
        };
        Relationships: [];
      };
      properties: {
        Row: {
          address: Json;
          created_at: string;
          currency: string;
          id: string;
          id_document_retention: string;
          kind: Database['public']['Enums']['property_kind'];
          name: string;
          organization_id: string;
          time_zone: string;
          updated_at: string;
        };
        Insert: {
          address?: Json;
          created_at?: string;
          currency: string;
          id?: string;
          id_document_retention?: string;
          kind?: Database['public']['Enums']['property_kind'];
          name: string;
          organization_id: string;
          time_zone: string;
          updated_at?: string;
        };
        Update: {
          address?: Json;
          created_at?: string;
          currency?: string;
          id?: string;
          id_document_retention?: string;
          kind?: Database['public']['Enums']['property_kind'];
          name?: string;
          organization_id?: string;
          time_zone?: string;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: 'properties_organization_id_fkey';
            columns: ['organization_id'];
            isOneToOne: false;
            referencedRelation: 'organizations';
            referencedColumns: ['id'];
          },
        ];
      };
      property_settings: {
        Row: {
          booking_window_days: number;
          cancellation_fee_bps: number;
          cancellation_fee_kind: Database['public']['Enums']['cancellation_fee_kind'];
          check_in_time: string;
          check_out_time: string;
          created_at: string;
          deposit_bps: number;
          deposit_kind: string;
          free_cancellation_hours: number;
          hold_minutes: number;
          id: string;
          min_notice_minutes: number;
          organization_id: string;
          property_id: string;
          service_periods: Json | null;
          slot_turn_minutes: number;
          updated_at: string;
        };
        Insert: {
          booking_window_days?: number;
          cancellation_fee_bps?: number;
          cancellation_fee_kind?: Database['public']['Enums']['cancellation_fee_kind'];
          check_in_time?: string;
          check_out_time?: string;
          created_at?: string;
          deposit_bps?: number;
          deposit_kind?: string;
          free_cancellation_hours?: number;
          hold_minutes?: number;
          id?: string;
          min_notice_minutes?: number;
          organization_id: string;
          property_id: string;
          service_periods?: Json | null;
          slot_turn_minutes?: number;
          updated_at?: string;
        };
        Update: {
          booking_window_days?: number;
          cancellation_fee_bps?: number;
          cancellation_fee_kind?: Database['public']['Enums']['cancellation_fee_kind'];
          check_in_time?: string;
          check_out_time?: string;
          created_at?: string;
          deposit_bps?: number;
          deposit_kind?: string;
          free_cancellation_hours?: number;
          hold_minutes?: number;
          id?: string;
          min_notice_minutes?: number;
          organization_id?: string;
          property_id?: string;
          service_periods?: Json | null;
          slot_turn_minutes?: number;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: 'property_settings_property_fkey';
            columns: ['organization_id', 'property_id'];
            isOneToOne: false;
            referencedRelation: 'properties';
            referencedColumns: ['organization_id', 'id'];
          },
        ];
      };
      property_taxes: {
        Row: {
          active: boolean;
          amount_minor: number | null;
          applies_to: Database['public']['Enums']['resource_kind'][];
          basis: Database['public']['Enums']['charge_basis'];
          created_at: string;
          currency: string;
          id: string;
          inclusive: boolean;
          name: string;
          organization_id: string;
          property_id: string;
          rate_bps: number | null;
          updated_at: string;
        };
        Insert: {
          active?: boolean;
          amount_minor?: number | null;
          applies_to?: Database['public']['Enums']['resource_kind'][];
          basis: Database['public']['Enums']['charge_basis'];
          created_at?: string;
          currency: string;
          id?: string;
          inclusive?: boolean;
          name: string;
          organization_id: string;
          property_id: string;
          rate_bps?: number | null;
          updated_at?: string;
        };
        Update: {
          active?: boolean;
          amount_minor?: number | null;
          applies_to?: Database['public']['Enums']['resource_kind'][];
          basis?: Database['public']['Enums']['charge_basis'];
          created_at?: string;
          currency?: string;
          id?: string;
          inclusive?: boolean;
          name?: string;
          organization_id?: string;
          property_id?: string;
          rate_bps?: number | null;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: 'property_taxes_property_fkey';
            columns: ['organization_id', 'property_id'];
            isOneToOne: false;
            referencedRelation: 'properties';
            referencedColumns: ['organization_id', 'id'];
          },
        ];
      };
      quote_requests: {
        Row: {
          created_at: string;
          email: string;
          expires_at: string;
          id: string;
          organization_id: string;
          property_id: string;
          requested_by: string | null;
          status: string;
          submitted_at: string | null;
          token_hash: string;
          updated_at: string;
          vendor_id: string;
          work_order_id: string;
        };
        Insert: {
          created_at?: string;
          email: string;
          expires_at: string;
          id?: string;
          organization_id: string;
          property_id: string;
          requested_by?: string | null;
          status?: string;
          submitted_at?: string | null;
          token_hash: string;
          updated_at?: string;
          vendor_id: string;
          work_order_id: string;
        };
        Update: {
          created_at?: string;
          email?: string;
          expires_at?: string;
          id?: string;
          organization_id?: string;
          property_id?: string;
          requested_by?: string | null;
          status?: string;
          submitted_at?: string | null;
          token_hash?: string;
          updated_at?: string;
          vendor_id?: string;
          work_order_id?: string;
        };
        Relationships: [
          {
            foreignKeyName: 'quote_requests_property_fkey';
            columns: ['organization_id', 'property_id'];
            isOneToOne: false;
            referencedRelation: 'properties';
            referencedColumns: ['organization_id', 'id'];
          },
          {
            foreignKeyName: 'quote_requests_vendor_fkey';
            columns: ['organization_id', 'vendor_id'];
            isOneToOne: false;
            referencedRelation: 'vendors';
            referencedColumns: ['organization_id', 'id'];
          },
          {
            foreignKeyName: 'quote_requests_work_order_fkey';
            columns: ['property_id', 'work_order_id'];
            isOneToOne: false;
            referencedRelation: 'work_orders';
            referencedColumns: ['property_id', 'id'];
          },
        ];
      };
      rate_bounds: {
        Row: {
          ceiling_minor: number;
          created_at: string;
          currency: string;
          floor_minor: number;
          id: string;
          max_step_minor: number;
          organization_id: string;
          property_id: string;
          resource_type_id: string;
          updated_at: string;
        };
        Insert: {
          ceiling_minor: number;
          created_at?: string;
          currency: string;
          floor_minor: number;
          id?: string;
          max_step_minor: number;
          organization_id: string;
          property_id: string;
          resource_type_id: string;
          updated_at?: string;
        };
        Update: {
          ceiling_minor?: number;
          created_at?: string;
          currency?: string;
          floor_minor?: number;
          id?: string;
          max_step_minor?: number;
          organization_id?: string;
          property_id?: string;
          resource_type_id?: string;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: 'rate_bounds_property_fkey';
            columns: ['organization_id', 'property_id'];
            isOneToOne: false;
            referencedRelation: 'properties';
            referencedColumns: ['organization_id', 'id'];
          },
          {
            foreignKeyName: 'rate_bounds_type_fkey';
            columns: ['property_id', 'resource_type_id'];
            isOneToOne: false;
            referencedRelation: 'resource_types';
            referencedColumns: ['property_id', 'id'];
          },
        ];
      };
      rate_overrides: {
        Row: {
          created_at: string;
          dates: unknown | null;
          id: string;
          organization_id: string;
          price_minor: number;
          priority: number;
          property_id: string;
          rate_plan_id: string;
          updated_at: string;
          weekdays: number[] | null;
        };
        Insert: {
          created_at?: string;
          dates?: unknown | null;
          id?: string;
          organization_id: string;
          price_minor: number;
          priority?: number;
          property_id: string;
          rate_plan_id: string;
          updated_at?: string;
          weekdays?: number[] | null;
        };
        Update: {
          created_at?: string;
          dates?: unknown | null;
          id?: string;
          organization_id?: string;
          price_minor?: number;
          priority?: number;
          property_id?: string;
          rate_plan_id?: string;
          updated_at?: string;
          weekdays?: number[] | null;
        };
        Relationships: [
          {
            foreignKeyName: 'rate_overrides_plan_fkey';
            columns: ['property_id', 'rate_plan_id'];
            isOneToOne: false;
            referencedRelation: 'rate_plans';
            referencedColumns: ['property_id', 'id'];
          },
          {
            foreignKeyName: 'rate_overrides_property_fkey';
            columns: ['organization_id', 'property_id'];
            isOneToOne: false;
            referencedRelation: 'properties';
            referencedColumns: ['organization_id', 'id'];
          },
        ];
      };
      rate_plans: {
        Row: {
          active: boolean;
          base_price_minor: number;
          created_at: string;
          currency: string;
          extra_guest_minor: number;
          id: string;
          included_guests: number;
          max_stay: number | null;
          min_stay: number;
          name: string;
          organization_id: string;
          property_id: string;
          resource_type_id: string;
          updated_at: string;
        };
        Insert: {
          active?: boolean;
          base_price_minor: number;
          created_at?: string;
          currency: string;
          extra_guest_minor?: number;
          id?: string;
          included_guests?: number;
          max_stay?: number | null;
          min_stay?: number;
          name: string;
          organization_id: string;
          property_id: string;
          resource_type_id: string;
          updated_at?: string;
        };
        Update: {
          active?: boolean;
          base_price_minor?: number;
          created_at?: string;
          currency?: string;
          extra_guest_minor?: number;
          id?: string;
          included_guests?: number;
          max_stay?: number | null;
          min_stay?: number;
          name?: string;
          organization_id?: string;
          property_id?: string;
          resource_type_id?: string;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: 'rate_plans_property_fkey';
            columns: ['organization_id', 'property_id'];
            isOneToOne: false;
            referencedRelation: 'properties';
            referencedColumns: ['organization_id', 'id'];
          },
          {
            foreignKeyName: 'rate_plans_type_fkey';
            columns: ['property_id', 'resource_type_id'];
            isOneToOne: false;
            referencedRelation: 'resource_types';
            referencedColumns: ['property_id', 'id'];
          },
        ];
      };
      rate_suggestion_acceptances: {
        Row: {
          accepted_at: string;
          accepted_by: string | null;
          anchor_price_minor: number;
          created_at: string;
          currency: string;
          id: string;
          organization_id: string;
          previous_price_minor: number;
          price_minor: number;
          property_id: string;
          rate_override_id: string | null;
          rate_plan_id: string;
          reason: string;
          resource_type_id: string;
          stay_date: string;
          updated_at: string;
        };
        Insert: {
          accepted_at?: string;
          accepted_by?: string | null;
          anchor_price_minor: number;
          created_at?: string;
          currency: string;
          id?: string;
          organization_id: string;
          previous_price_minor: number;
          price_minor: number;
          property_id: string;
          rate_override_id?: string | null;
          rate_plan_id: string;
          reason: string;
          resource_type_id: string;
          stay_date: string;
          updated_at?: string;
        };
        Update: {
          accepted_at?: string;
          accepted_by?: string | null;
          anchor_price_minor?: number;
          created_at?: string;
          currency?: string;
          id?: string;
          organization_id?: string;
          previous_price_minor?: number;
          price_minor?: number;
          property_id?: string;
          rate_override_id?: string | null;
          rate_plan_id?: string;
          reason?: string;
          resource_type_id?: string;
          stay_date?: string;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: 'rate_suggestion_acceptances_override_fkey';
            columns: ['rate_override_id'];
            isOneToOne: false;
            referencedRelation: 'rate_overrides';
            referencedColumns: ['id'];
          },
          {
            foreignKeyName: 'rate_suggestion_acceptances_plan_fkey';
            columns: ['property_id', 'rate_plan_id'];
            isOneToOne: false;
            referencedRelation: 'rate_plans';
            referencedColumns: ['property_id', 'id'];
          },
          {
            foreignKeyName: 'rate_suggestion_acceptances_property_fkey';
            columns: ['organization_id', 'property_id'];
            isOneToOne: false;
            referencedRelation: 'properties';
            referencedColumns: ['organization_id', 'id'];
          },
          {
            foreignKeyName: 'rate_suggestion_acceptances_type_fkey';
            columns: ['property_id', 'resource_type_id'];
            isOneToOne: false;
            referencedRelation: 'resource_types';
            referencedColumns: ['property_id', 'id'];
          },
        ];
      };
      resource_out_of_service: {
        Row: {
          created_at: string;
          id: string;
          organization_id: string;
          period: unknown;
          property_id: string;
          reason: string | null;
          resource_id: string;
          updated_at: string;
        };
        Insert: {
          created_at?: string;
          id?: string;
          organization_id: string;
          period: unknown;
          property_id: string;
          reason?: string | null;
          resource_id: string;
          updated_at?: string;
        };
        Update: {
          created_at?: string;
          id?: string;
          organization_id?: string;
          period?: unknown;
          property_id?: string;
          reason?: string | null;
          resource_id?: string;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: 'resource_out_of_service_property_fkey';
            columns: ['organization_id', 'property_id'];
            isOneToOne: false;
            referencedRelation: 'properties';
            referencedColumns: ['organization_id', 'id'];
          },
          {
            foreignKeyName: 'resource_out_of_service_resource_fkey';
            columns: ['property_id', 'resource_id'];
            isOneToOne: false;
            referencedRelation: 'resources';
            referencedColumns: ['property_id', 'id'];
          },
        ];
      };
      resource_types: {
        Row: {
          created_at: string;
          description: string | null;
          id: string;
          kind: Database['public']['Enums']['resource_kind'];
          name: string;
          organization_id: string;
          pricing: Database['public']['Enums']['pricing_unit'];
          property_id: string;
          updated_at: string;
        };
        Insert: {
          created_at?: string;
          description?: string | null;
          id?: string;
          kind: Database['public']['Enums']['resource_kind'];
          name: string;
          organization_id: string;
          pricing: Database['public']['Enums']['pricing_unit'];
          property_id: string;
          updated_at?: string;
        };
        Update: {
          created_at?: string;
          description?: string | null;
          id?: string;
          kind?: Database['public']['Enums']['resource_kind'];
          name?: string;
          organization_id?: string;
          pricing?: Database['public']['Enums']['pricing_unit'];
          property_id?: string;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: 'resource_types_property_fkey';
            columns: ['organization_id', 'property_id'];
            isOneToOne: false;
            referencedRelation: 'properties';
            referencedColumns: ['organization_id', 'id'];
          },
        ];
      };
      resources: {
        Row: {
          active: boolean;
          attributes: Json;
          created_at: string;
          id: string;
          max_guests: number;
          min_guests: number;
          name: string;
          organization_id: string;
          property_id: string;
          resource_type_id: string;
          updated_at: string;
        };
        Insert: {
          active?: boolean;
          attributes?: Json;
          created_at?: string;
          id?: string;
          max_guests: number;
          min_guests?: number;
          name: string;
          organization_id: string;
          property_id: string;
          resource_type_id: string;
          updated_at?: string;
        };
        Update: {
          active?: boolean;
          attributes?: Json;
          created_at?: string;
          id?: string;
          max_guests?: number;
          min_guests?: number;
          name?: string;
          organization_id?: string;
          property_id?: string;
          resource_type_id?: string;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: 'resources_property_fkey';
            columns: ['organization_id', 'property_id'];
            isOneToOne: false;
            referencedRelation: 'properties';
            referencedColumns: ['organization_id', 'id'];
          },
          {
            foreignKeyName: 'resources_type_fkey';
            columns: ['property_id', 'resource_type_id'];
            isOneToOne: false;
            referencedRelation: 'resource_types';
            referencedColumns: ['property_id', 'id'];
          },
        ];
      };
      retention_policies: {
        Row: {
          created_at: string;
          id: string;
          id_scan_days: number;
          inactive_guest_years: number;
          mail_body_days: number;
          notification_days: number;
          organization_id: string;
          updated_at: string;
          updated_by: string | null;
        };
        Insert: {
          created_at?: string;
          id?: string;
          id_scan_days?: number;
          inactive_guest_years?: number;
          mail_body_days?: number;
          notification_days?: number;
          organization_id: string;
          updated_at?: string;
          updated_by?: string | null;
        };
        Update: {
          created_at?: string;
          id?: string;
          id_scan_days?: number;
          inactive_guest_years?: number;
          mail_body_days?: number;
          notification_days?: number;
          organization_id?: string;
          updated_at?: string;
          updated_by?: string | null;
        };
        Relationships: [
          {
            foreignKeyName: 'retention_policies_organization_id_fkey';
            columns: ['organization_id'];
            isOneToOne: true;
            referencedRelation: 'organizations';
            referencedColumns: ['id'];
          },
        ];
      };
      retention_runs: {
        Row: {
          created_at: string;
          cutoff: string;
          error: string | null;
          finished_at: string;
          id: string;
          objects_deleted: number;
          organization_id: string;
          policy: string;
          rows_anonymised: number;
          rows_deleted: number;
          setting: number;
          started_at: string;
          status: string;
        };
        Insert: {
          created_at?: string;
          cutoff: string;
          error?: string | null;
          finished_at?: string;
          id?: string;
          objects_deleted?: number;
          organization_id: string;
          policy: string;
          rows_anonymised?: number;
          rows_deleted?: number;
          setting: number;
          started_at: string;
          status: string;
        };
        Update: {
          created_at?: string;
          cutoff?: string;
          error?: string | null;
          finished_at?: string;
          id?: string;
          objects_deleted?: number;
          organization_id?: string;
          policy?: string;
          rows_anonymised?: number;
          rows_deleted?: number;
          setting?: number;
          started_at?: string;
          status?: string;
        };
        Relationships: [
          {
            foreignKeyName: 'retention_runs_organization_id_fkey';
            columns: ['organization_id'];
            isOneToOne: false;
            referencedRelation: 'organizations';
            referencedColumns: ['id'];
          },
        ];
      };
      room_statuses: {
        Row: {
          changed_at: string;
          changed_by: string | null;
          created_at: string;
          id: string;
          note: string | null;
          organization_id: string;
          property_id: string;
          reason: string;
          resource_id: string;
          status: Database['public']['Enums']['room_status'];
          updated_at: string;
        };
        Insert: {
          changed_at?: string;
          changed_by?: string | null;
          created_at?: string;
          id?: string;
          note?: string | null;
          organization_id: string;
          property_id: string;
          reason?: string;
          resource_id: string;
          status?: Database['public']['Enums']['room_status'];
          updated_at?: string;
        };
        Update: {
          changed_at?: string;
          changed_by?: string | null;
          created_at?: string;
          id?: string;
          note?: string | null;
          organization_id?: string;
          property_id?: string;
          reason?: string;
          resource_id?: string;
          status?: Database['public']['Enums']['room_status'];
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: 'room_statuses_property_fkey';
            columns: ['organization_id', 'property_id'];
            isOneToOne: false;
            referencedRelation: 'properties';
            referencedColumns: ['organization_id', 'id'];
          },
          {
            foreignKeyName: 'room_statuses_resource_fkey';
            columns: ['property_id', 'resource_id'];
            isOneToOne: false;
            referencedRelation: 'resources';
            referencedColumns: ['property_id', 'id'];
          },
        ];
      };
      station_routes: {
        Row: {
          category_id: string;
          created_at: string;
          id: string;
          organization_id: string;
          property_id: string;
          station_id: string;
          updated_at: string;
        };
        Insert: {
          category_id: string;
          created_at?: string;
          id?: string;
          organization_id: string;
          property_id: string;
          station_id: string;
          updated_at?: string;
        };
        Update: {
          category_id?: string;
          created_at?: string;
          id?: string;
          organization_id?: string;
          property_id?: string;
          station_id?: string;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: 'station_routes_category_fkey';
            columns: ['organization_id', 'category_id'];
            isOneToOne: false;
            referencedRelation: 'catalogue_categories';
            referencedColumns: ['organization_id', 'id'];
          },
          {
            foreignKeyName: 'station_routes_property_fkey';
            columns: ['organization_id', 'property_id'];
            isOneToOne: false;
            referencedRelation: 'properties';
            referencedColumns: ['organization_id', 'id'];
          },
          {
            foreignKeyName: 'station_routes_station_fkey';
            columns: ['property_id', 'station_id'];
            isOneToOne: false;
            referencedRelation: 'stations';
            referencedColumns: ['property_id', 'id'];
          },
        ];
      };
      stations: {
        Row: {
          created_at: string;
          id: string;
          kind: Database['public']['Enums']['station_kind'];
          name: string;
          organization_id: string;
          property_id: string;
          updated_at: string;
        };
        Insert: {
          created_at?: string;
          id?: string;
          kind?: Database['public']['Enums']['station_kind'];
          name: string;
          organization_id: string;
          property_id: string;
          updated_at?: string;
        };
        Update: {
          created_at?: string;
          id?: string;
          kind?: Database['public']['Enums']['station_kind'];
          name?: string;
          organization_id?: string;
          property_id?: string;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: 'stations_property_fkey';
            columns: ['organization_id', 'property_id'];
            isOneToOne: false;
            referencedRelation: 'properties';
            referencedColumns: ['organization_id', 'id'];
          },
        ];
      };
      vendor_quotes: {
        Row: {
          amount_minor: number;
          attachment: string | null;
          attachment_name: string | null;
          attachment_path: string | null;
          attachment_size: number | null;
          attachment_stored: boolean | null;
          attachment_type: string | null;
          available_on: string | null;
          created_at: string;
          currency: string;
          decided_at: string | null;
          id: string;
          notes: string | null;
          organization_id: string;
          property_id: string;
          quote_request_id: string;
          status: string;
          updated_at: string;
          vendor_id: string;
          work_order_id: string;
        };
        Insert: {
          amount_minor: number;
          attachment?: string | null;
          attachment_name?: string | null;
          attachment_path?: string | null;
          attachment_size?: number | null;
          attachment_stored?: boolean | null;
          attachment_type?: string | null;
          available_on?: string | null;
          created_at?: string;
          currency: string;
          decided_at?: string | null;
          id?: string;
          notes?: string | null;
          organization_id: string;
          property_id: string;
          quote_request_id: string;
          status?: string;
          updated_at?: string;
          vendor_id: string;
          work_order_id: string;
        };
        Update: {
          amount_minor?: number;
          attachment?: string | null;
          attachment_name?: string | null;
          attachment_path?: string | null;
          attachment_size?: number | null;
          attachment_stored?: boolean | null;
          attachment_type?: string | null;
          available_on?: string | null;
          created_at?: string;
          currency?: string;
          decided_at?: string | null;
          id?: string;
          notes?: string | null;
          organization_id?: string;
          property_id?: string;
          quote_request_id?: string;
          status?: string;
          updated_at?: string;
          vendor_id?: string;
          work_order_id?: string;
        };
        Relationships: [
          {
            foreignKeyName: 'vendor_quotes_property_fkey';
            columns: ['organization_id', 'property_id'];
            isOneToOne: false;
            referencedRelation: 'properties';
            referencedColumns: ['organization_id', 'id'];
          },
          {
            foreignKeyName: 'vendor_quotes_request_fkey';
            columns: ['quote_request_id'];
            isOneToOne: true;
            referencedRelation: 'quote_requests';
            referencedColumns: ['id'];
          },
          {
            foreignKeyName: 'vendor_quotes_vendor_fkey';
            columns: ['organization_id', 'vendor_id'];
            isOneToOne: false;
            referencedRelation: 'vendors';
            referencedColumns: ['organization_id', 'id'];
          },
          {
            foreignKeyName: 'vendor_quotes_work_order_fkey';
            columns: ['property_id', 'work_order_id'];
            isOneToOne: false;
            referencedRelation: 'work_orders';
            referencedColumns: ['property_id', 'id'];
          },
        ];
      };
      vendors: {
        Row: {
          active: boolean;
          created_at: string;
          email: string;
          id: string;
          name: string;
          notes: string | null;
          organization_id: string;
          phone: string | null;
          trade: string | null;
          updated_at: string;
        };
        Insert: {
          active?: boolean;
          created_at?: string;
          email: string;
          id?: string;
          name: string;
          notes?: string | null;
          organization_id: string;
          phone?: string | null;
          trade?: string | null;
          updated_at?: string;
        };
        Update: {
          active?: boolean;
          created_at?: string;
          email?: string;
          id?: string;
          name?: string;
          notes?: string | null;
          organization_id?: string;
          phone?: string | null;
          trade?: string | null;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: 'vendors_organization_id_fkey';
            columns: ['organization_id'];
            isOneToOne: false;
            referencedRelation: 'organizations';
            referencedColumns: ['id'];
          },
        ];
      };
      widget_keys: {
        Row: {
          address_limit_per_minute: number;
          allowed_origins: string[];
          created_at: string;
          created_by: string | null;
          id: string;
          key: string;
          label: string;
          organization_id: string;
          property_id: string;
          rate_limit_per_minute: number;
          revoked_at: string | null;
          updated_at: string;
        };
        Insert: {
          address_limit_per_minute?: number;
          allowed_origins?: string[];
          created_at?: string;
          created_by?: string | null;
          id?: string;
          key?: string;
          label: string;
          organization_id: string;
          property_id: string;
          rate_limit_per_minute?: number;
          revoked_at?: string | null;
          updated_at?: string;
        };
        Update: {
          address_limit_per_minute?: number;
          allowed_origins?: string[];
          created_at?: string;
          created_by?: string | null;
          id?: string;
          key?: string;
          label?: string;
          organization_id?: string;
          property_id?: string;
          rate_limit_per_minute?: number;
          revoked_at?: string | null;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: 'widget_keys_property_fkey';
            columns: ['organization_id', 'property_id'];
            isOneToOne: false;
            referencedRelation: 'properties';
            referencedColumns: ['organization_id', 'id'];
          },
        ];
      };
      work_order_invoices: {
        Row: {
          created_at: string;
          created_by: string | null;
          id: string;
          object_name: string;
          organization_id: string;
          property_id: string;
          updated_at: string;
          work_order_id: string;
        };
        Insert: {
          created_at?: string;
          created_by?: string | null;
          id?: string;
          object_name: string;
          organization_id: string;
          property_id: string;
          updated_at?: string;
          work_order_id: string;
        };
        Update: {
          created_at?: string;
          created_by?: string | null;
          id?: string;
          object_name?: string;
          organization_id?: string;
          property_id?: string;
          updated_at?: string;
          work_order_id?: string;
        };
        Relationships: [
          {
            foreignKeyName: 'work_order_invoices_property_fkey';
            columns: ['organization_id', 'property_id'];
            isOneToOne: false;
            referencedRelation: 'properties';
            referencedColumns: ['organization_id', 'id'];
          },
          {
            foreignKeyName: 'work_order_invoices_work_order_fkey';
            columns: ['property_id', 'work_order_id'];
            isOneToOne: false;
            referencedRelation: 'work_orders';
            referencedColumns: ['property_id', 'id'];
          },
        ];
      };
      work_order_photos: {
        Row: {
          created_at: string;
          created_by: string | null;
          id: string;
          object_name: string;
          organization_id: string;
          property_id: string;
          updated_at: string;
          work_order_id: string;
        };
        Insert: {
          created_at?: string;
          created_by?: string | null;
          id?: string;
          object_name: string;
          organization_id: string;
          property_id: string;
          updated_at?: string;
          work_order_id: string;
        };
        Update: {
          created_at?: string;
          created_by?: string | null;
          id?: string;
          object_name?: string;
          organization_id?: string;
          property_id?: string;
          updated_at?: string;
          work_order_id?: string;
        };
        Relationships: [
          {
            foreignKeyName: 'work_order_photos_property_fkey';
            columns: ['organization_id', 'property_id'];
            isOneToOne: false;
            referencedRelation: 'properties';
            referencedColumns: ['organization_id', 'id'];
          },
          {
            foreignKeyName: 'work_order_photos_work_order_fkey';
            columns: ['property_id', 'work_order_id'];
            isOneToOne: false;
            referencedRelation: 'work_orders';
            referencedColumns: ['property_id', 'id'];
          },
        ];
      };
      work_orders: {
        Row: {
          area: string | null;
          assigned_to: string | null;
          closed_at: string | null;
          created_at: string;
          created_by: string | null;
          description: string | null;
          due_on: string | null;
          id: string;
          number: number;
          organization_id: string;
          out_of_service_id: string | null;
          out_of_service_until: string | null;
          priority: string;
          property_id: string;
          resource_id: string | null;
          schedule_id: string | null;
          source: string;
          status: string;
          title: string;
          updated_at: string;
        };
        Insert: {
          area?: string | null;
          assigned_to?: string | null;
          closed_at?: string | null;
          created_at?: string;
          created_by?: string | null;
          description?: string | null;
          due_on?: string | null;
          id?: string;
          number?: never;
          organization_id: string;
          out_of_service_id?: string | null;
          out_of_service_until?: string | null;
          priority?: string;
          property_id: string;
          resource_id?: string | null;
          schedule_id?: string | null;
          source?: string;
          status?: string;
          title: string;
          updated_at?: string;
        };
        Update: {
          area?: string | null;
          assigned_to?: string | null;
          closed_at?: string | null;
          created_at?: string;
          created_by?: string | null;
          description?: string | null;
          due_on?: string | null;
          id?: string;
          number?: never;
          organization_id?: string;
          out_of_service_id?: string | null;
          out_of_service_until?: string | null;
          priority?: string;
          property_id?: string;
          resource_id?: string | null;
          schedule_id?: string | null;
          source?: string;
          status?: string;
          title?: string;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: 'work_orders_out_of_service_id_fkey';
            columns: ['out_of_service_id'];
            isOneToOne: false;
            referencedRelation: 'resource_out_of_service';
            referencedColumns: ['id'];
          },
          {
            foreignKeyName: 'work_orders_property_fkey';
            columns: ['organization_id', 'property_id'];
            isOneToOne: false;
            referencedRelation: 'properties';
            referencedColumns: ['organization_id', 'id'];
          },
          {
            foreignKeyName: 'work_orders_resource_fkey';
            columns: ['property_id', 'resource_id'];
            isOneToOne: false;
            referencedRelation: 'resources';
            referencedColumns: ['property_id', 'id'];
          },
          {
            foreignKeyName: 'work_orders_schedule_fkey';
            columns: ['property_id', 'schedule_id'];
            isOneToOne: false;
            referencedRelation: 'maintenance_schedules';
            referencedColumns: ['property_id', 'id'];
          },
        ];
      };
      workflows: {
        Row: {
          action: Database['public']['Enums']['workflow_action'];
          active: boolean;
          built_in: boolean;
          created_at: string;
          created_by: string | null;
          id: string;
          name: string;
          offset_hours: number;
          organization_id: string;
          property_id: string;
          recipient_email: string | null;
          template: string;
          trigger: Database['public']['Enums']['workflow_trigger'];
          updated_at: string;
          webhook_endpoint_id: string | null;
        };
        Insert: {
          action?: Database['public']['Enums']['workflow_action'];
          active?: boolean;
          built_in?: boolean;
          created_at?: string;
          created_by?: string | null;
          id?: string;
          name: string;
          offset_hours?: number;
          organization_id: string;
          property_id: string;
          recipient_email?: string | null;
          template: string;
          trigger: Database['public']['Enums']['workflow_trigger'];
          updated_at?: string;
          webhook_endpoint_id?: string | null;
        };
        Update: {
          action?: Database['public']['Enums']['workflow_action'];
          active?: boolean;
          built_in?: boolean;
          created_at?: string;
          created_by?: string | null;
          id?: string;
          name?: string;
          offset_hours?: number;
          organization_id?: string;
          property_id?: string;
          recipient_email?: string | null;
          template?: string;
          trigger?: Database['public']['Enums']['workflow_trigger'];
          updated_at?: string;
          webhook_endpoint_id?: string | null;
        };
        Relationships: [
          {
            foreignKeyName: 'workflows_property_fkey';
            columns: ['organization_id', 'property_id'];
            isOneToOne: false;
            referencedRelation: 'properties';
            referencedColumns: ['organization_id', 'id'];
          },
        ];
      };
    };
    Views: {
      guest_history: {
        Row: {
          arrival_date: string | null;
          currency: string | null;
          departure_date: string | null;
          ends_at: string | null;
          guest_id: string | null;
          id: string | null;
          kind: string | null;
          organization_id: string | null;
          party_size: number | null;
          property_id: string | null;
          reference: string | null;
          starts_at: string | null;
          status: string | null;
          total_minor: number | null;
        };
        Relationships: [];
      };
      guest_visits: {
        Row: {
          arrival_date: string | null;
          booking_id: string | null;
          currency: string | null;
          departure_date: string | null;
          guest_id: string | null;
          nights: number | null;
          organization_id: string | null;
          party_size: number | null;
          property_id: string | null;
          reference: string | null;
          status: Database['public']['Enums']['booking_status'] | null;
          total_minor: number | null;
        };
        Insert: {
          arrival_date?: string | null;
          booking_id?: string | null;
          currency?: string | null;
          departure_date?: string | null;
          guest_id?: string | null;
          nights?: never;
          organization_id?: string | null;
          party_size?: number | null;
          property_id?: string | null;
          reference?: string | null;
          status?: Database['public']['Enums']['booking_status'] | null;
          total_minor?: number | null;
        };
        Update: {
          arrival_date?: string | null;
          booking_id?: string | null;
          currency?: string | null;
          departure_date?: string | null;
          guest_id?: string | null;
          nights?: never;
          organization_id?: string | null;
          party_size?: number | null;
          property_id?: string | null;
          reference?: string | null;
          status?: Database['public']['Enums']['booking_status'] | null;
          total_minor?: number | null;
        };
        Relationships: [];
      };
      work_order_costs: {
        Row: {
          closed_at: string | null;
          cost_minor: number | null;
          created_at: string | null;
          currency: string | null;
          invoiced_minor: number | null;
          organization_id: string | null;
          property_id: string | null;
          quoted_minor: number | null;
          resource_id: string | null;
          status: string | null;
          work_order_id: string | null;
        };
        Relationships: [];
      };
      work_order_invoice_checks: {
        Row: {
          created_at: string | null;
          difference_minor: number | null;
          id: string | null;
          job_id: string | null;
          job_status: string | null;
          match_state: string | null;
          object_name: string | null;
          organization_id: string | null;
          property_id: string | null;
          quoted_minor: number | null;
          read_currency: string | null;
          read_supplier: string | null;
          read_total_minor: number | null;
          work_order_id: string | null;
        };
        Relationships: [];
      };
    };
    Functions: {
      accept_invitation: {
        Args: { p_token: string };
        Returns: {
          all_properties: boolean;
          created_at: string;
          id: string;
          organization_id: string;
          role: Database['public']['Enums']['org_role'];
          updated_at: string;
          user_id: string;
        };
      };
      accept_rate_suggestions: {
        Args: { p_property_id: string; p_items: Json };
        Returns: {
          resource_type_id: string;
          stay_date: string;
          price_minor: number;
          previous_price_minor: number;
          rate_override_id: string;
          changed: boolean;
        }[];
      };
      accept_vendor_quote: { Args: { p_quote_id: string }; Returns: undefined };
      add_order_item: {
        Args: { p_order_id: string; p_item_id: string; p_quantity: number; p_option_ids?: string[]; p_note?: string };
        Returns: {
          course: number | null;
          created_at: string;
          created_by: string | null;
          discount_minor: number;
          id: string;
          item_id: string | null;
          item_name: string;
          line_subtotal_minor: number | null;
          line_total_minor: number | null;
          note: string | null;
          options: Json;
          options_total_minor: number;
          order_id: string;
          organization_id: string;
          prices_include_tax: boolean;
          property_id: string;
          quantity: number;
          ready_at: string | null;
          round_key: string | null;
          seat: number | null;
          station_id: string | null;
          status: Database['public']['Enums']['order_item_status'];
          stock_deducted: boolean;
          tax_minor: number;
          tax_rate_bp: number;
          unit_price_minor: number;
          updated_at: string;
          void_reason: string | null;
          voided_at: string | null;
          voided_by: string | null;
        };
      };
      add_order_round: {
        Args: { p_order_id: string; p_idempotency_key: string; p_lines: Json };
        Returns: {
          bill_requested_at: string | null;
          booking_id: string | null;
          closed_at: string | null;
          created_at: string;
          created_by: string | null;
          currency: string;
          discount_bp: number | null;
          discount_by: string | null;
          discount_fixed_minor: number | null;
          discount_minor: number;
          discount_reason: string | null;
          folio_id: string | null;
          guest_name: string | null;
          id: string;
          idempotency_fingerprint: string | null;
          idempotency_key: string | null;
          kind: Database['public']['Enums']['order_kind'];
          organization_id: string;
          pay_by: string | null;
          pickup_at: string | null;
          prices_include_tax: boolean;
          property_id: string;
          service_charge_bp: number;
          service_charge_minor: number;
          source: string;
          status: Database['public']['Enums']['order_status'];
          submitted_at: string | null;
          subtotal_minor: number;
          table_resource_id: string | null;
          tax_minor: number;
          total_minor: number;
          updated_at: string;
          void_reason: string | null;
          voided_at: string | null;
          voided_by: string | null;
        };
      };
      adjust_loyalty_points: {
        Args: { p_guest_id: string; p_points: number; p_reason: string };
        Returns: {
          created_at: string;
          email: string | null;
          erased_at: string | null;
          full_name: string;
          id: string;
          language: string | null;
          loyalty_points: number;
          marketing_consent: boolean;
          marketing_consent_at: string | null;
          notes: string | null;
          organization_id: string;
          phone: string | null;
          tags: string[];
          updated_at: string;
        };
      };
      admins_without_mfa: {
        Args: { p_organization_id: string };
        Returns: {
          user_id: string;
          role: Database['public']['Enums']['org_role'];
          display_name: string;
        }[];
      };
      advance_order_status: {
        Args: { p_order_id: string; p_status: string };
        Returns: {
          bill_requested_at: string | null;
          booking_id: string | null;
          closed_at: string | null;
          created_at: string;
          created_by: string | null;
          currency: string;
          discount_bp: number | null;
          discount_by: string | null;
          discount_fixed_minor: number | null;
          discount_minor: number;
          discount_reason: string | null;
          folio_id: string | null;
          guest_name: string | null;
          id: string;
          idempotency_fingerprint: string | null;
          idempotency_key: string | null;
          kind: Database['public']['Enums']['order_kind'];
          organization_id: string;
          pay_by: string | null;
          pickup_at: string | null;
          prices_include_tax: boolean;
          property_id: string;
          service_charge_bp: number;
          service_charge_minor: number;
          source: string;
          status: Database['public']['Enums']['order_status'];
          submitted_at: string | null;
          subtotal_minor: number;
          table_resource_id: string | null;
          tax_minor: number;
          total_minor: number;
          updated_at: string;
          void_reason: string | null;
          voided_at: string | null;
          voided_by: string | null;
        };
      };
      apply_order_discount: {
        Args: { p_order_id: string; p_amount_minor: number; p_percent_bp: number; p_reason: string };
        Returns: {
          bill_requested_at: string | null;
          booking_id: string | null;
          closed_at: string | null;
          created_at: string;
          created_by: string | null;
          currency: string;
          discount_bp: number | null;
          discount_by: string | null;
          discount_fixed_minor: number | null;
          discount_minor: number;
          discount_reason: string | null;
          folio_id: string | null;
          guest_name: string | null;
          id: string;
          idempotency_fingerprint: string | null;
          idempotency_key: string | null;
          kind: Database['public']['Enums']['order_kind'];
          organization_id: string;
          pay_by: string | null;
          pickup_at: string | null;
          prices_include_tax: boolean;
          property_id: string;
          service_charge_bp: number;
          service_charge_minor: number;
          source: string;
          status: Database['public']['Enums']['order_status'];
          submitted_at: string | null;
          subtotal_minor: number;
          table_resource_id: string | null;
          tax_minor: number;
          total_minor: number;
          updated_at: string;
          void_reason: string | null;
          voided_at: string | null;
          voided_by: string | null;
        };
      };
      assign_housekeeping_task: {
        Args: { p_task_id: string; p_assignee_id: string; p_position?: number };
        Returns: {
          arrival_due: boolean;
          assignee_id: string | null;
          created_at: string;
          credits: number;
          day: string;
          failed_items: string[];
          finished_at: string | null;
          finished_by: string | null;
          id: string;
          inspected_at: string | null;
          inspected_by: string | null;
          inspection_notes: string | null;
          kind: Database['public']['Enums']['housekeeping_task_kind'];
          notes: string | null;
          organization_id: string;
          position: number;
          property_id: string;
          resource_id: string;
          started_at: string | null;
          status: Database['public']['Enums']['housekeeping_task_status'];
          updated_at: string;
        };
      };
      billing_overview: { Args: { p_organization_id: string }; Returns: Json };
      booking_refunds: {
        Args: { p_booking_id: string };
        Returns: {
          id: string;
          amount_minor: number;
          currency: string;
          source: string;
          status: string;
          attempts: number;
          next_attempt_at: string;
          last_error: string;
          requested_at: string;
          refunded_at: string;
          failed_at: string;
          created_at: string;
        }[];
      };
      cancel_booking: {
        Args: { p_booking_id: string; p_reason?: string };
        Returns: {
          arrival_date: string;
          blocked_period: unknown;
          cancellation_fee_minor: number | null;
          cancellation_reason: string | null;
          cancelled_at: string | null;
          checked_in_at: string | null;
          checked_out_at: string | null;
          checkout_override_reason: string | null;
          confirmed_at: string | null;
          created_at: string;
          created_by: string | null;
          currency: string;
          departure_date: string;
          guest_id: string | null;
          hold_expires_at: string | null;
          id: string;
          idempotency_key: string | null;
          organization_id: string;
          party_size: number;
          period: unknown;
          price_breakdown: Json;
          property_id: string;
          rate_plan_id: string | null;
          reference: string;
          resource_id: string;
          room_override_reason: string | null;
          source: Database['public']['Enums']['booking_source'];
          status: Database['public']['Enums']['booking_status'];
          total_minor: number;
          updated_at: string;
        };
      };
      cancel_organization_deletion: {
        Args: { p_organization_id: string };
        Returns: {
          cancelled_at: string | null;
          cancelled_by: string | null;
          created_at: string;
          delete_after: string;
          id: string;
          organization_id: string;
          requested_at: string;
          requested_by: string | null;
          started_at: string | null;
        };
      };
      cancellation_fee: { Args: { p_booking_id: string }; Returns: number };
      change_member_role: {
        Args: { p_organization_id: string; p_user_id: string; p_role: string };
        Returns: {
          all_properties: boolean;
          created_at: string;
          id: string;
          organization_id: string;
          role: Database['public']['Enums']['org_role'];
          updated_at: string;
          user_id: string;
        };
      };
      change_order_item_quantity: {
        Args: { p_order_item_id: string; p_quantity: number };
        Returns: {
          course: number | null;
          created_at: string;
          created_by: string | null;
          discount_minor: number;
          id: string;
          item_id: string | null;
          item_name: string;
          line_subtotal_minor: number | null;
          line_total_minor: number | null;
          note: string | null;
          options: Json;
          options_total_minor: number;
          order_id: string;
          organization_id: string;
          prices_include_tax: boolean;
          property_id: string;
          quantity: number;
          ready_at: string | null;
          round_key: string | null;
          seat: number | null;
          station_id: string | null;
          status: Database['public']['Enums']['order_item_status'];
          stock_deducted: boolean;
          tax_minor: number;
          tax_rate_bp: number;
          unit_price_minor: number;
          updated_at: string;
          void_reason: string | null;
          voided_at: string | null;
          voided_by: string | null;
        };
      };
      charge_order_to_folio: {
        Args: { p_order_id: string; p_folio_id: string };
        Returns: {
          amount_minor: number;
          created_at: string;
          created_by: string | null;
          currency: string;
          description: string;
          external_reference: string | null;
          folio_id: string;
          id: string;
          kind: Database['public']['Enums']['folio_entry_kind'];
          night: string | null;
          order_id: string | null;
          organization_id: string;
          payment_method: Database['public']['Enums']['payment_method'] | null;
          property_id: string;
          tax_minor: number;
          updated_at: string;
        };
      };
      check_in_booking: {
        Args: { p_booking_id: string; p_override_reason?: string };
        Returns: {
          arrival_date: string;
          blocked_period: unknown;
          cancellation_fee_minor: number | null;
          cancellation_reason: string | null;
          cancelled_at: string | null;
          checked_in_at: string | null;
          checked_out_at: string | null;
          checkout_override_reason: string | null;
          confirmed_at: string | null;
          created_at: string;
          created_by: string | null;
          currency: string;
          departure_date: string;
          guest_id: string | null;
          hold_expires_at: string | null;
          id: string;
          idempotency_key: string | null;
          organization_id: string;
          party_size: number;
          period: unknown;
          price_breakdown: Json;
          property_id: string;
          rate_plan_id: string | null;
          reference: string;
          resource_id: string;
          room_override_reason: string | null;
          source: Database['public']['Enums']['booking_source'];
          status: Database['public']['Enums']['booking_status'];
          total_minor: number;
          updated_at: string;
        };
      };
      check_in_with_identity_document: {
        Args: {
          p_booking_id: string;
          p_document_type: string;
          p_document_number: string;
          p_issuing_country?: string;
          p_nationality?: string;
          p_birth_date?: string;
          p_expiry_date?: string;
          p_override_reason?: string;
        };
        Returns: {
          birth_date: string | null;
          booking_id: string;
          captured_by: string | null;
          created_at: string;
          delete_after: string;
          document_number: string | null;
          document_type: string;
          expiry_date: string | null;
          guest_id: string;
          id: string;
          issuing_country: string | null;
          nationality: string | null;
          organization_id: string;
          property_id: string;
        };
      };
      check_out_booking: {
        Args: { p_booking_id: string; p_override_reason?: string };
        Returns: {
          arrival_date: string;
          blocked_period: unknown;
          cancellation_fee_minor: number | null;
          cancellation_reason: string | null;
          cancelled_at: string | null;
          checked_in_at: string | null;
          checked_out_at: string | null;
          checkout_override_reason: string | null;
          confirmed_at: string | null;
          created_at: string;
          created_by: string | null;
          currency: string;
          departure_date: string;
          guest_id: string | null;
          hold_expires_at: string | null;
          id: string;
          idempotency_key: string | null;
          organization_id: string;
          party_size: number;
          period: unknown;
          price_breakdown: Json;
          property_id: string;
          rate_plan_id: string | null;
          reference: string;
          resource_id: string;
          room_override_reason: string | null;
          source: Database['public']['Enums']['booking_source'];
          status: Database['public']['Enums']['booking_status'];
          total_minor: number;
          updated_at: string;
        };
      };
      close_order: {
        Args: { p_order_id: string };
        Returns: {
          bill_requested_at: string | null;
          booking_id: string | null;
          closed_at: string | null;
          created_at: string;
          created_by: string | null;
          currency: string;
          discount_bp: number | null;
          discount_by: string | null;
          discount_fixed_minor: number | null;
          discount_minor: number;
          discount_reason: string | null;
          folio_id: string | null;
          guest_name: string | null;
          id: string;
          idempotency_fingerprint: string | null;
          idempotency_key: string | null;
          kind: Database['public']['Enums']['order_kind'];
          organization_id: string;
          pay_by: string | null;
          pickup_at: string | null;
          prices_include_tax: boolean;
          property_id: string;
          service_charge_bp: number;
          service_charge_minor: number;
          source: string;
          status: Database['public']['Enums']['order_status'];
          submitted_at: string | null;
          subtotal_minor: number;
          table_resource_id: string | null;
          tax_minor: number;
          total_minor: number;
          updated_at: string;
          void_reason: string | null;
          voided_at: string | null;
          voided_by: string | null;
        };
      };
      confirm_booking: {
        Args: { p_booking_id: string };
        Returns: {
          arrival_date: string;
          blocked_period: unknown;
          cancellation_fee_minor: number | null;
          cancellation_reason: string | null;
          cancelled_at: string | null;
          checked_in_at: string | null;
          checked_out_at: string | null;
          checkout_override_reason: string | null;
          confirmed_at: string | null;
          created_at: string;
          created_by: string | null;
          currency: string;
          departure_date: string;
          guest_id: string | null;
          hold_expires_at: string | null;
          id: string;
          idempotency_key: string | null;
          organization_id: string;
          party_size: number;
          period: unknown;
          price_breakdown: Json;
          property_id: string;
          rate_plan_id: string | null;
          reference: string;
          resource_id: string;
          room_override_reason: string | null;
          source: Database['public']['Enums']['booking_source'];
          status: Database['public']['Enums']['booking_status'];
          total_minor: number;
          updated_at: string;
        };
      };
      create_booking: {
        Args: {
          p_resource_id: string;
          p_guest_id: string;
          p_arrival: string;
          p_departure: string;
          p_party_size: number;
          p_time?: string;
          p_duration_minutes?: number;
          p_confirm?: boolean;
          p_source?: string;
          p_idempotency_key?: string;
          p_rate_plan_id?: string;
        };
        Returns: {
          arrival_date: string;
          blocked_period: unknown;
          cancellation_fee_minor: number | null;
          cancellation_reason: string | null;
          cancelled_at: string | null;
          checked_in_at: string | null;
          checked_out_at: string | null;
          checkout_override_reason: string | null;
          confirmed_at: string | null;
          created_at: string;
          created_by: string | null;
          currency: string;
          departure_date: string;
          guest_id: string | null;
          hold_expires_at: string | null;
          id: string;
          idempotency_key: string | null;
          organization_id: string;
          party_size: number;
          period: unknown;
          price_breakdown: Json;
          property_id: string;
          rate_plan_id: string | null;
          reference: string;
          resource_id: string;
          room_override_reason: string | null;
          source: Database['public']['Enums']['booking_source'];
          status: Database['public']['Enums']['booking_status'];
          total_minor: number;
          updated_at: string;
        };
      };
      create_guest: {
        Args: {
          p_organization_id: string;
          p_full_name: string;
          p_email: string;
          p_phone: string;
          p_language: string;
          p_notes: string;
          p_marketing_consent: boolean;
        };
        Returns: {
          created_at: string;
          email: string | null;
          erased_at: string | null;
          full_name: string;
          id: string;
          language: string | null;
          loyalty_points: number;
          marketing_consent: boolean;
          marketing_consent_at: string | null;
          notes: string | null;
          organization_id: string;
          phone: string | null;
          tags: string[];
          updated_at: string;
        };
      };
      create_job: {
        Args: { p_property_id: string; p_kind: string; p_input?: Json };
        Returns: {
          attempts: number;
          created_at: string;
          created_by: string | null;
          error: Json | null;
          finished_at: string | null;
          id: string;
          input: Json;
          kind: string;
          organization_id: string;
          progress: number;
          property_id: string;
          request_id: string | null;
          result: Json | null;
          started_at: string | null;
          status: string;
          updated_at: string;
        };
      };
      create_order: {
        Args: {
          p_property_id: string;
          p_kind: string;
          p_table_resource_id?: string;
          p_booking_id?: string;
          p_guest_name?: string;
        };
        Returns: {
          bill_requested_at: string | null;
          booking_id: string | null;
          closed_at: string | null;
          created_at: string;
          created_by: string | null;
          currency: string;
          discount_bp: number | null;
          discount_by: string | null;
          discount_fixed_minor: number | null;
          discount_minor: number;
          discount_reason: string | null;
          folio_id: string | null;
          guest_name: string | null;
          id: string;
          idempotency_fingerprint: string | null;
          idempotency_key: string | null;
          kind: Database['public']['Enums']['order_kind'];
          organization_id: string;
          pay_by: string | null;
          pickup_at: string | null;
          prices_include_tax: boolean;
          property_id: string;
          service_charge_bp: number;
          service_charge_minor: number;
          source: string;
          status: Database['public']['Enums']['order_status'];
          submitted_at: string | null;
          subtotal_minor: number;
          table_resource_id: string | null;
          tax_minor: number;
          total_minor: number;
          updated_at: string;
          void_reason: string | null;
          voided_at: string | null;
          voided_by: string | null;
        };
      };
      create_organization: {
        Args: { p_name: string; p_slug: string; p_time_zone?: string; p_currency?: string; p_locale?: string };
        Returns: {
          created_at: string;
          created_by: string | null;
          currency: string;
          email_brand_color: string | null;
          email_reply_to: string | null;
          email_sender_name: string | null;
          id: string;
          locale: string;
          logo_path: string | null;
          name: string;
          require_admin_mfa: boolean;
          slug: string;
          time_zone: string;
          updated_at: string;
        };
      };
      create_webhook_endpoint: {
        Args: { p_organization_id: string; p_url: string; p_description: string; p_events: string[] };
        Returns: {
          endpoint_id: string;
          secret: string;
        }[];
      };
      delete_webhook_endpoint: { Args: { p_endpoint_id: string }; Returns: undefined };
      finish_housekeeping_task: {
        Args: { p_task_id: string; p_notes?: string };
        Returns: {
          arrival_due: boolean;
          assignee_id: string | null;
          created_at: string;
          credits: number;
          day: string;
          failed_items: string[];
          finished_at: string | null;
          finished_by: string | null;
          id: string;
          inspected_at: string | null;
          inspected_by: string | null;
          inspection_notes: string | null;
          kind: Database['public']['Enums']['housekeeping_task_kind'];
          notes: string | null;
          organization_id: string;
          position: number;
          property_id: string;
          resource_id: string;
          started_at: string | null;
          status: Database['public']['Enums']['housekeeping_task_status'];
          updated_at: string;
        };
      };
      generate_housekeeping_tasks: {
        Args: { p_property_id: string; p_day: string; p_attendant_ids?: string[] };
        Returns: {
          arrival_due: boolean;
          assignee_id: string | null;
          created_at: string;
          credits: number;
          day: string;
          failed_items: string[];
          finished_at: string | null;
          finished_by: string | null;
          id: string;
          inspected_at: string | null;
          inspected_by: string | null;
          inspection_notes: string | null;
          kind: Database['public']['Enums']['housekeeping_task_kind'];
          notes: string | null;
          organization_id: string;
          position: number;
          property_id: string;
          resource_id: string;
          started_at: string | null;
          status: Database['public']['Enums']['housekeeping_task_status'];
          updated_at: string;
        }[];
      };
      guest_consent_history: {
        Args: { p_guest_id: string };
        Returns: {
          changed_at: string;
          granted: boolean;
          changed_by: string;
        }[];
      };
      housekeeping_attendants: {
        Args: { p_property_id: string };
        Returns: {
          user_id: string;
          name: string;
          role: Database['public']['Enums']['org_role'];
        }[];
      };
      housekeeping_report: {
        Args: { p_property_id: string; p_from: string; p_to: string };
        Returns: {
          attendant_id: string;
          attendant_name: string;
          rooms_cleaned: number;
          average_minutes: number;
        }[];
      };
      inspect_housekeeping_task: {
        Args: { p_task_id: string; p_passed: boolean; p_notes?: string; p_failed_items?: string[] };
        Returns: {
          arrival_due: boolean;
          assignee_id: string | null;
          created_at: string;
          credits: number;
          day: string;
          failed_items: string[];
          finished_at: string | null;
          finished_by: string | null;
          id: string;
          inspected_at: string | null;
          inspected_by: string | null;
          inspection_notes: string | null;
          kind: Database['public']['Enums']['housekeeping_task_kind'];
          notes: string | null;
          organization_id: string;
          position: number;
          property_id: string;
          resource_id: string;
          started_at: string | null;
          status: Database['public']['Enums']['housekeeping_task_status'];
          updated_at: string;
        };
      };
      invite_member: {
        Args: {
          p_organization_id: string;
          p_email: string;
          p_role: string;
          p_valid_for?: unknown;
          p_property_ids?: string[];
        };
        Returns: {
          invitation_id: string;
          token: string;
          expires_at: string;
        }[];
      };
      leave_organization: { Args: { p_organization_id: string }; Returns: undefined };
      list_webhook_deliveries: {
        Args: { p_endpoint_id: string; p_limit: number; p_offset: number };
        Returns: {
          id: string;
          event_id: string;
          event_type: string;
          status: string;
          attempts: number;
          next_attempt_at: string;
          last_attempt_at: string;
          last_status_code: number;
          last_latency_ms: number;
          last_response_excerpt: string;
          last_error: string;
          replay_of: string;
          created_at: string;
          delivered_at: string;
          total_count: number;
        }[];
      };
      list_webhook_endpoints: {
        Args: { p_organization_id: string };
        Returns: {
          id: string;
          url: string;
          description: string;
          events: string[];
          enabled: boolean;
          disabled_reason: string;
          disabled_at: string;
          consecutive_failures: number;
          created_at: string;
          secret_rotated_at: string;
          queued_deliveries: number;
          last_delivery_at: string;
          last_status_code: number;
        }[];
      };
      mail_daily_report: {
        Args: { p_property_id: string; p_subject: string; p_html: string; p_text: string; p_pdf: string };
        Returns: string;
      };
      mark_no_show: {
        Args: { p_booking_id: string };
        Returns: {
          arrival_date: string;
          blocked_period: unknown;
          cancellation_fee_minor: number | null;
          cancellation_reason: string | null;
          cancelled_at: string | null;
          checked_in_at: string | null;
          checked_out_at: string | null;
          checkout_override_reason: string | null;
          confirmed_at: string | null;
          created_at: string;
          created_by: string | null;
          currency: string;
          departure_date: string;
          guest_id: string | null;
          hold_expires_at: string | null;
          id: string;
          idempotency_key: string | null;
          organization_id: string;
          party_size: number;
          period: unknown;
          price_breakdown: Json;
          property_id: string;
          rate_plan_id: string | null;
          reference: string;
          resource_id: string;
          room_override_reason: string | null;
          source: Database['public']['Enums']['booking_source'];
          status: Database['public']['Enums']['booking_status'];
          total_minor: number;
          updated_at: string;
        };
      };
      mark_notifications_read: { Args: { p_ids?: string[] }; Returns: number };
      modify_booking: {
        Args: {
          p_booking_id: string;
          p_resource_id?: string;
          p_arrival?: string;
          p_departure?: string;
          p_party_size?: number;
          p_time?: string;
          p_duration_minutes?: number;
        };
        Returns: {
          arrival_date: string;
          blocked_period: unknown;
          cancellation_fee_minor: number | null;
          cancellation_reason: string | null;
          cancelled_at: string | null;
          checked_in_at: string | null;
          checked_out_at: string | null;
          checkout_override_reason: string | null;
          confirmed_at: string | null;
          created_at: string;
          created_by: string | null;
          currency: string;
          departure_date: string;
          guest_id: string | null;
          hold_expires_at: string | null;
          id: string;
          idempotency_key: string | null;
          organization_id: string;
          party_size: number;
          period: unknown;
          price_breakdown: Json;
          property_id: string;
          rate_plan_id: string | null;
          reference: string;
          resource_id: string;
          room_override_reason: string | null;
          source: Database['public']['Enums']['booking_source'];
          status: Database['public']['Enums']['booking_status'];
          total_minor: number;
          updated_at: string;
        };
      };
      open_booking_folio: {
        Args: { p_booking_id: string };
        Returns: {
          balance_minor: number;
          booking_id: string | null;
          charges_minor: number;
          created_at: string;
          created_by: string | null;
          currency: string;
          guest_id: string | null;
          id: string;
          kind: Database['public']['Enums']['folio_kind'];
          label: string | null;
          organization_id: string;
          property_id: string;
          settled_at: string | null;
          status: Database['public']['Enums']['folio_status'];
          table_resource_id: string | null;
          updated_at: string;
        };
      };
      open_tab: {
        Args: { p_property_id: string; p_label: string; p_table_resource_id?: string };
        Returns: {
          balance_minor: number;
          booking_id: string | null;
          charges_minor: number;
          created_at: string;
          created_by: string | null;
          currency: string;
          guest_id: string | null;
          id: string;
          kind: Database['public']['Enums']['folio_kind'];
          label: string | null;
          organization_id: string;
          property_id: string;
          settled_at: string | null;
          status: Database['public']['Enums']['folio_status'];
          table_resource_id: string | null;
          updated_at: string;
        };
      };
      organization_kpis: {
        Args: { p_organization_id: string; p_from: string; p_to: string };
        Returns: {
          property_id: string;
          property_name: string;
          property_kind: Database['public']['Enums']['property_kind'];
          currency: string;
          rooms_available: number;
          rooms_sold: number;
          occupancy: number;
          room_revenue_minor: number;
          adr_minor: number;
          revpar_minor: number;
          covers_booked: number;
          bookings_made: number;
          cancellations: number;
          food_revenue_minor: number;
          beverage_revenue_minor: number;
          other_revenue_minor: number;
        }[];
      };
      place_order: {
        Args: {
          p_property_id: string;
          p_idempotency_key: string;
          p_kind: string;
          p_lines: Json;
          p_table_resource_id?: string;
          p_booking_id?: string;
          p_guest_name?: string;
        };
        Returns: {
          bill_requested_at: string | null;
          booking_id: string | null;
          closed_at: string | null;
          created_at: string;
          created_by: string | null;
          currency: string;
          discount_bp: number | null;
          discount_by: string | null;
          discount_fixed_minor: number | null;
          discount_minor: number;
          discount_reason: string | null;
          folio_id: string | null;
          guest_name: string | null;
          id: string;
          idempotency_fingerprint: string | null;
          idempotency_key: string | null;
          kind: Database['public']['Enums']['order_kind'];
          organization_id: string;
          pay_by: string | null;
          pickup_at: string | null;
          prices_include_tax: boolean;
          property_id: string;
          service_charge_bp: number;
          service_charge_minor: number;
          source: string;
          status: Database['public']['Enums']['order_status'];
          submitted_at: string | null;
          subtotal_minor: number;
          table_resource_id: string | null;
          tax_minor: number;
          total_minor: number;
          updated_at: string;
          void_reason: string | null;
          voided_at: string | null;
          voided_by: string | null;
        };
      };
      post_folio_adjustment: {
        Args: { p_folio_id: string; p_amount_minor: number; p_reason: string };
        Returns: {
          amount_minor: number;
          created_at: string;
          created_by: string | null;
          currency: string;
          description: string;
          external_reference: string | null;
          folio_id: string;
          id: string;
          kind: Database['public']['Enums']['folio_entry_kind'];
          night: string | null;
          order_id: string | null;
          organization_id: string;
          payment_method: Database['public']['Enums']['payment_method'] | null;
          property_id: string;
          tax_minor: number;
          updated_at: string;
        };
      };
      property_daily_kpis: {
        Args: { p_property_id: string; p_from: string; p_to: string };
        Returns: {
          day: string;
          rooms_total: number;
          rooms_out_of_order: number;
          rooms_available: number;
          rooms_sold: number;
          occupancy: number;
          room_revenue_minor: number;
          adr_minor: number;
          revpar_minor: number;
          arrivals: number;
          departures: number;
          no_shows: number;
          in_house: number;
          covers_booked: number;
          covers_seated: number;
          bookings_made: number;
          cancellations: number;
          food_revenue_minor: number;
          beverage_revenue_minor: number;
          other_revenue_minor: number;
        }[];
      };
      property_open_orders: {
        Args: { p_property_id: string };
        Returns: {
          status: Database['public']['Enums']['order_status'];
          orders: number;
        }[];
      };
      property_service_kpis: {
        Args: { p_property_id: string; p_day: string };
        Returns: {
          station_id: string;
          station_name: string;
          station_kind: Database['public']['Enums']['station_kind'];
          tickets_done: number;
          average_ticket_seconds: number;
          lines_waiting: number;
        }[];
      };
      rate_suggestions: {
        Args: { p_property_id: string; p_from: string; p_to: string };
        Returns: {
          stay_date: string;
          resource_type_id: string;
          resource_type_name: string;
          rate_plan_id: string;
          currency: string;
          rooms: number;
          on_the_books: number;
          on_the_books_last_year: number;
          forecast_occupancy: number;
          demand_index: number;
          anchor_minor: number;
          current_minor: number;
          target_minor: number;
          suggested_minor: number;
          change_minor: number;
          floor_minor: number;
          ceiling_minor: number;
          max_step_minor: number;
          accepted_minor: number;
          reason: string;
        }[];
      };
      record_payment: {
        Args: { p_folio_id: string; p_amount_minor: number; p_method: string; p_external_reference?: string };
        Returns: {
          amount_minor: number;
          created_at: string;
          created_by: string | null;
          currency: string;
          description: string;
          external_reference: string | null;
          folio_id: string;
          id: string;
          kind: Database['public']['Enums']['folio_entry_kind'];
          night: string | null;
          order_id: string | null;
          organization_id: string;
          payment_method: Database['public']['Enums']['payment_method'] | null;
          property_id: string;
          tax_minor: number;
          updated_at: string;
        };
      };
      record_refund: {
        Args: { p_folio_id: string; p_amount_minor: number; p_method: string; p_external_reference?: string };
        Returns: {
          amount_minor: number;
          created_at: string;
          created_by: string | null;
          currency: string;
          description: string;
          external_reference: string | null;
          folio_id: string;
          id: string;
          kind: Database['public']['Enums']['folio_entry_kind'];
          night: string | null;
          order_id: string | null;
          organization_id: string;
          payment_method: Database['public']['Enums']['payment_method'] | null;
          property_id: string;
          tax_minor: number;
          updated_at: string;
        };
      };
      redeem_loyalty_points: {
        Args: { p_guest_id: string; p_points: number; p_reason: string };
        Returns: {
          created_at: string;
          email: string | null;
          erased_at: string | null;
          full_name: string;
          id: string;
          language: string | null;
          loyalty_points: number;
          marketing_consent: boolean;
          marketing_consent_at: string | null;
          notes: string | null;
          organization_id: string;
          phone: string | null;
          tags: string[];
          updated_at: string;
        };
      };
      remove_member: { Args: { p_organization_id: string; p_user_id: string }; Returns: undefined };
      remove_order_item: { Args: { p_order_item_id: string }; Returns: undefined };
      replay_webhook_delivery: { Args: { p_delivery_id: string }; Returns: string };
      request_bill: {
        Args: { p_order_id: string };
        Returns: {
          bill_requested_at: string | null;
          booking_id: string | null;
          closed_at: string | null;
          created_at: string;
          created_by: string | null;
          currency: string;
          discount_bp: number | null;
          discount_by: string | null;
          discount_fixed_minor: number | null;
          discount_minor: number;
          discount_reason: string | null;
          folio_id: string | null;
          guest_name: string | null;
          id: string;
          idempotency_fingerprint: string | null;
          idempotency_key: string | null;
          kind: Database['public']['Enums']['order_kind'];
          organization_id: string;
          pay_by: string | null;
          pickup_at: string | null;
          prices_include_tax: boolean;
          property_id: string;
          service_charge_bp: number;
          service_charge_minor: number;
          source: string;
          status: Database['public']['Enums']['order_status'];
          submitted_at: string | null;
          subtotal_minor: number;
          table_resource_id: string | null;
          tax_minor: number;
          total_minor: number;
          updated_at: string;
          void_reason: string | null;
          voided_at: string | null;
          voided_by: string | null;
        };
      };
      request_guest_erasure: {
        Args: { p_guest_id: string; p_confirm_name: string };
        Returns: {
          attempts: number;
          channel: string;
          created_at: string;
          error: Json | null;
          finished_at: string | null;
          guest_id: string;
          id: string;
          kind: string;
          object_name: string | null;
          organization_id: string;
          progress: number;
          pseudonym: string | null;
          requested_by: string | null;
          started_at: string | null;
          status: string;
          summary: Json | null;
          updated_at: string;
        };
      };
      request_guest_export: {
        Args: { p_guest_id: string };
        Returns: {
          attempts: number;
          channel: string;
          created_at: string;
          error: Json | null;
          finished_at: string | null;
          guest_id: string;
          id: string;
          kind: string;
          object_name: string | null;
          organization_id: string;
          progress: number;
          pseudonym: string | null;
          requested_by: string | null;
          started_at: string | null;
          status: string;
          summary: Json | null;
          updated_at: string;
        };
      };
      request_my_guest_data: { Args: { p_booking_reference: string; p_email: string }; Returns: Json };
      request_organization_deletion: {
        Args: { p_organization_id: string; p_confirmation: string };
        Returns: {
          cancelled_at: string | null;
          cancelled_by: string | null;
          created_at: string;
          delete_after: string;
          id: string;
          organization_id: string;
          requested_at: string;
          requested_by: string | null;
          started_at: string | null;
        };
      };
      request_organization_export: {
        Args: { p_organization_id: string };
        Returns: {
          created_at: string;
          error: string | null;
          finished_at: string | null;
          id: string;
          object_name: string | null;
          objects_exported: number | null;
          organization_id: string;
          progress: number;
          requested_by: string | null;
          rows_exported: number | null;
          size_bytes: number | null;
          started_at: string | null;
          status: string;
        };
      };
      request_vendor_quote: {
        Args: { p_work_order_id: string; p_vendor_id: string; p_site_url: string; p_valid_for?: unknown };
        Returns: {
          quote_request_id: string;
          expires_at: string;
        }[];
      };
      request_workflow_test_send: { Args: { p_workflow_id: string }; Returns: string };
      retry_guest_refund: { Args: { p_refund_id: string }; Returns: Json };
      revoke_invitation: { Args: { p_invitation_id: string }; Returns: undefined };
      rotate_webhook_secret: { Args: { p_endpoint_id: string }; Returns: string };
      search_availability: {
        Args: { p_property_id: string; p_arrival: string; p_departure: string; p_party_size: number };
        Returns: {
          resource_type_id: string;
          resource_type_name: string;
          rate_plan_id: string;
          rate_plan_name: string;
          resource_ids: string[];
          currency: string;
          total_minor: number;
          price_breakdown: Json;
        }[];
      };
      search_guests: {
        Args: { p_organization_id: string; p_query?: string; p_sort?: string; p_limit?: number; p_offset?: number };
        Returns: {
          id: string;
          full_name: string;
          email: string;
          phone: string;
          language: string;
          loyalty_points: number;
          marketing_consent: boolean;
          last_stay: string;
          stays: number;
          total_count: number;
        }[];
      };
      search_table_availability: {
        Args: {
          p_property_id: string;
          p_date: string;
          p_time: string;
          p_duration_minutes: number;
          p_party_size: number;
        };
        Returns: {
          resource_type_id: string;
          resource_type_name: string;
          rate_plan_id: string;
          rate_plan_name: string;
          resource_ids: string[];
          currency: string;
          total_minor: number;
          price_breakdown: Json;
        }[];
      };
      send_test_webhook: { Args: { p_endpoint_id: string }; Returns: string };
      set_booking_guest: {
        Args: { p_booking_id: string; p_guest_id: string };
        Returns: {
          arrival_date: string;
          blocked_period: unknown;
          cancellation_fee_minor: number | null;
          cancellation_reason: string | null;
          cancelled_at: string | null;
          checked_in_at: string | null;
          checked_out_at: string | null;
          checkout_override_reason: string | null;
          confirmed_at: string | null;
          created_at: string;
          created_by: string | null;
          currency: string;
          departure_date: string;
          guest_id: string | null;
          hold_expires_at: string | null;
          id: string;
          idempotency_key: string | null;
          organization_id: string;
          party_size: number;
          period: unknown;
          price_breakdown: Json;
          property_id: string;
          rate_plan_id: string | null;
          reference: string;
          resource_id: string;
          room_override_reason: string | null;
          source: Database['public']['Enums']['booking_source'];
          status: Database['public']['Enums']['booking_status'];
          total_minor: number;
          updated_at: string;
        };
      };
      set_member_property_access: {
        Args: { p_organization_id: string; p_user_id: string; p_property_ids: string[] };
        Returns: undefined;
      };
      set_order_item_status: {
        Args: { p_order_item_id: string; p_status: string };
        Returns: {
          course: number | null;
          created_at: string;
          created_by: string | null;
          discount_minor: number;
          id: string;
          item_id: string | null;
          item_name: string;
          line_subtotal_minor: number | null;
          line_total_minor: number | null;
          note: string | null;
          options: Json;
          options_total_minor: number;
          order_id: string;
          organization_id: string;
          prices_include_tax: boolean;
          property_id: string;
          quantity: number;
          ready_at: string | null;
          round_key: string | null;
          seat: number | null;
          station_id: string | null;
          status: Database['public']['Enums']['order_item_status'];
          stock_deducted: boolean;
          tax_minor: number;
          tax_rate_bp: number;
          unit_price_minor: number;
          updated_at: string;
          void_reason: string | null;
          voided_at: string | null;
          voided_by: string | null;
        };
      };
      set_room_status: {
        Args: { p_resource_id: string; p_status: string; p_note?: string };
        Returns: {
          changed_at: string;
          changed_by: string | null;
          created_at: string;
          id: string;
          note: string | null;
          organization_id: string;
          property_id: string;
          reason: string;
          resource_id: string;
          status: Database['public']['Enums']['room_status'];
          updated_at: string;
        };
      };
      set_webhook_endpoint_enabled: { Args: { p_endpoint_id: string; p_enabled: boolean }; Returns: undefined };
      settle_folio: {
        Args: { p_folio_id: string };
        Returns: {
          balance_minor: number;
          booking_id: string | null;
          charges_minor: number;
          created_at: string;
          created_by: string | null;
          currency: string;
          guest_id: string | null;
          id: string;
          kind: Database['public']['Enums']['folio_kind'];
          label: string | null;
          organization_id: string;
          property_id: string;
          settled_at: string | null;
          status: Database['public']['Enums']['folio_status'];
          table_resource_id: string | null;
          updated_at: string;
        };
      };
      settle_order: {
        Args: { p_order_id: string; p_method: string; p_external_reference?: string };
        Returns: {
          bill_requested_at: string | null;
          booking_id: string | null;
          closed_at: string | null;
          created_at: string;
          created_by: string | null;
          currency: string;
          discount_bp: number | null;
          discount_by: string | null;
          discount_fixed_minor: number | null;
          discount_minor: number;
          discount_reason: string | null;
          folio_id: string | null;
          guest_name: string | null;
          id: string;
          idempotency_fingerprint: string | null;
          idempotency_key: string | null;
          kind: Database['public']['Enums']['order_kind'];
          organization_id: string;
          pay_by: string | null;
          pickup_at: string | null;
          prices_include_tax: boolean;
          property_id: string;
          service_charge_bp: number;
          service_charge_minor: number;
          source: string;
          status: Database['public']['Enums']['order_status'];
          submitted_at: string | null;
          subtotal_minor: number;
          table_resource_id: string | null;
          tax_minor: number;
          total_minor: number;
          updated_at: string;
          void_reason: string | null;
          voided_at: string | null;
          voided_by: string | null;
        };
      };
      split_order: {
        Args: { p_order_id: string; p_item_ids: string[] };
        Returns: {
          bill_requested_at: string | null;
          booking_id: string | null;
          closed_at: string | null;
          created_at: string;
          created_by: string | null;
          currency: string;
          discount_bp: number | null;
          discount_by: string | null;
          discount_fixed_minor: number | null;
          discount_minor: number;
          discount_reason: string | null;
          folio_id: string | null;
          guest_name: string | null;
          id: string;
          idempotency_fingerprint: string | null;
          idempotency_key: string | null;
          kind: Database['public']['Enums']['order_kind'];
          organization_id: string;
          pay_by: string | null;
          pickup_at: string | null;
          prices_include_tax: boolean;
          property_id: string;
          service_charge_bp: number;
          service_charge_minor: number;
          source: string;
          status: Database['public']['Enums']['order_status'];
          submitted_at: string | null;
          subtotal_minor: number;
          table_resource_id: string | null;
          tax_minor: number;
          total_minor: number;
          updated_at: string;
          void_reason: string | null;
          voided_at: string | null;
          voided_by: string | null;
        };
      };
      start_housekeeping_task: {
        Args: { p_task_id: string };
        Returns: {
          arrival_due: boolean;
          assignee_id: string | null;
          created_at: string;
          credits: number;
          day: string;
          failed_items: string[];
          finished_at: string | null;
          finished_by: string | null;
          id: string;
          inspected_at: string | null;
          inspected_by: string | null;
          inspection_notes: string | null;
          kind: Database['public']['Enums']['housekeeping_task_kind'];
          notes: string | null;
          organization_id: string;
          position: number;
          property_id: string;
          resource_id: string;
          started_at: string | null;
          status: Database['public']['Enums']['housekeeping_task_status'];
          updated_at: string;
        };
      };
      submit_order: {
        Args: { p_order_id: string };
        Returns: {
          bill_requested_at: string | null;
          booking_id: string | null;
          closed_at: string | null;
          created_at: string;
          created_by: string | null;
          currency: string;
          discount_bp: number | null;
          discount_by: string | null;
          discount_fixed_minor: number | null;
          discount_minor: number;
          discount_reason: string | null;
          folio_id: string | null;
          guest_name: string | null;
          id: string;
          idempotency_fingerprint: string | null;
          idempotency_key: string | null;
          kind: Database['public']['Enums']['order_kind'];
          organization_id: string;
          pay_by: string | null;
          pickup_at: string | null;
          prices_include_tax: boolean;
          property_id: string;
          service_charge_bp: number;
          service_charge_minor: number;
          source: string;
          status: Database['public']['Enums']['order_status'];
          submitted_at: string | null;
          subtotal_minor: number;
          table_resource_id: string | null;
          tax_minor: number;
          total_minor: number;
          updated_at: string;
          void_reason: string | null;
          voided_at: string | null;
          voided_by: string | null;
        };
      };
      submit_vendor_quote: {
        Args: {
          p_token: string;
          p_amount_minor: number;
          p_available_on: string;
          p_notes: string;
          p_attachment_name?: string;
          p_attachment_type?: string;
          p_attachment_size?: number;
        };
        Returns: {
          quote_id: string;
          upload_bucket: string;
          upload_path: string;
          upload_expires_at: string;
        }[];
      };
      table_service_hours: { Args: { p_property_id: string; p_date: string }; Returns: Json };
      transfer_ownership: { Args: { p_organization_id: string; p_new_owner_id: string }; Returns: undefined };
      unsubscribe_marketing: { Args: { p_token: string }; Returns: string };
      update_guest: {
        Args: {
          p_guest_id: string;
          p_full_name: string;
          p_email: string;
          p_phone: string;
          p_language: string;
          p_notes: string;
          p_marketing_consent: boolean;
        };
        Returns: {
          created_at: string;
          email: string | null;
          erased_at: string | null;
          full_name: string;
          id: string;
          language: string | null;
          loyalty_points: number;
          marketing_consent: boolean;
          marketing_consent_at: string | null;
          notes: string | null;
          organization_id: string;
          phone: string | null;
          tags: string[];
          updated_at: string;
        };
      };
      update_webhook_endpoint: {
        Args: { p_endpoint_id: string; p_url: string; p_description: string; p_events: string[] };
        Returns: undefined;
      };
      upsert_guest: {
        Args: {
          p_organization_id: string;
          p_full_name: string;
          p_email?: string;
          p_phone?: string;
          p_language?: string;
          p_notes?: string;
          p_tags?: string[];
          p_marketing_consent?: boolean;
        };
        Returns: {
          created_at: string;
          email: string | null;
          erased_at: string | null;
          full_name: string;
          id: string;
          language: string | null;
          loyalty_points: number;
          marketing_consent: boolean;
          marketing_consent_at: string | null;
          notes: string | null;
          organization_id: string;
          phone: string | null;
          tags: string[];
          updated_at: string;
        };
      };
      vendor_quote_request: {
        Args: { p_token: string };
        Returns: {
          vendor_name: string;
          property_name: string;
          work_order_number: number;
          title: string;
          description: string;
          location: string;
          currency: string;
          expires_at: string;
        }[];
      };
      void_order: {
        Args: { p_order_id: string; p_reason: string };
        Returns: {
          bill_requested_at: string | null;
          booking_id: string | null;
          closed_at: string | null;
          created_at: string;
          created_by: string | null;
          currency: string;
          discount_bp: number | null;
          discount_by: string | null;
          discount_fixed_minor: number | null;
          discount_minor: number;
          discount_reason: string | null;
          folio_id: string | null;
          guest_name: string | null;
          id: string;
          idempotency_fingerprint: string | null;
          idempotency_key: string | null;
          kind: Database['public']['Enums']['order_kind'];
          organization_id: string;
          pay_by: string | null;
          pickup_at: string | null;
          prices_include_tax: boolean;
          property_id: string;
          service_charge_bp: number;
          service_charge_minor: number;
          source: string;
          status: Database['public']['Enums']['order_status'];
          submitted_at: string | null;
          subtotal_minor: number;
          table_resource_id: string | null;
          tax_minor: number;
          total_minor: number;
          updated_at: string;
          void_reason: string | null;
          voided_at: string | null;
          voided_by: string | null;
        };
      };
      void_order_item: {
        Args: { p_order_item_id: string; p_reason: string };
        Returns: {
          course: number | null;
          created_at: string;
          created_by: string | null;
          discount_minor: number;
          id: string;
          item_id: string | null;
          item_name: string;
          line_subtotal_minor: number | null;
          line_total_minor: number | null;
          note: string | null;
          options: Json;
          options_total_minor: number;
          order_id: string;
          organization_id: string;
          prices_include_tax: boolean;
          property_id: string;
          quantity: number;
          ready_at: string | null;
          round_key: string | null;
          seat: number | null;
          station_id: string | null;
          status: Database['public']['Enums']['order_item_status'];
          stock_deducted: boolean;
          tax_minor: number;
          tax_rate_bp: number;
          unit_price_minor: number;
          updated_at: string;
          void_reason: string | null;
          voided_at: string | null;
          voided_by: string | null;
        };
      };
      webhook_url_rules: {
        Args: never;
        Returns: {
          allow_http: boolean;
          allow_private_targets: boolean;
        }[];
      };
      widget_availability: { Args: { p_key: string; p_from: string; p_to: string; p_guests: number }; Returns: Json };
      widget_booking_status: { Args: { p_key: string; p_booking_id: string; p_hold_token: string }; Returns: Json };
      widget_cancel: {
        Args: { p_key: string; p_reference: string; p_email: string; p_idempotency_key: string };
        Returns: Json;
      };
      widget_config: { Args: { p_key: string }; Returns: Json };
      widget_confirm: {
        Args: {
          p_key: string;
          p_booking_id: string;
          p_hold_token: string;
          p_name: string;
          p_email: string;
          p_phone: string;
          p_terms: boolean;
          p_marketing: boolean;
          p_idempotency_key: string;
          p_language?: string;
        };
        Returns: Json;
      };
      widget_hold: {
        Args: {
          p_key: string;
          p_resource_type_id: string;
          p_from: string;
          p_to: string;
          p_guests: number;
          p_idempotency_key: string;
        };
        Returns: Json;
      };
      widget_lookup: { Args: { p_key: string; p_reference: string; p_email: string }; Returns: Json };
      widget_menu: { Args: { p_key: string }; Returns: Json };
      widget_order_status: { Args: { p_key: string; p_order_id: string; p_order_token: string }; Returns: Json };
      widget_pickup_times: { Args: { p_key: string }; Returns: Json };
      widget_place_order: {
        Args: {
          p_key: string;
          p_mode: string;
          p_pickup_at: string;
          p_booking_reference: string;
          p_surname: string;
          p_lines: Json;
          p_name: string;
          p_email: string;
          p_phone: string;
          p_idempotency_key: string;
        };
        Returns: Json;
      };
      widget_quote: {
        Args: { p_key: string; p_resource_type_id: string; p_from: string; p_to: string; p_guests: number };
        Returns: Json;
      };
      widget_reserve_table: {
        Args: {
          p_key: string;
          p_resource_type_id: string;
          p_date: string;
          p_time: string;
          p_party: number;
          p_name: string;
          p_email: string;
          p_phone: string;
          p_terms: boolean;
          p_marketing: boolean;
          p_idempotency_key: string;
          p_language?: string;
        };
        Returns: Json;
      };
      widget_table_slots: { Args: { p_key: string; p_date: string; p_party: number }; Returns: Json };
      workflow_send_log: {
        Args: { p_property_id: string };
        Returns: {
          id: string;
          workflow_id: string;
          workflow_name: string;
          trigger: Database['public']['Enums']['workflow_trigger'];
          action: Database['public']['Enums']['workflow_action'];
          template: string;
          kind: string;
          status: string;
          due_at: string;
          sent_at: string;
          recipient: string;
          reason: string;
          booking_id: string;
          booking_reference: string;
          created_at: string;
        }[];
      };
    };
    Enums: {
      booking_source: 'staff' | 'widget' | 'api';
      booking_status: 'held' | 'confirmed' | 'checked_in' | 'checked_out' | 'cancelled' | 'no_show';
      cancellation_fee_kind: 'percentage' | 'first_night';
      charge_basis: 'percentage' | 'per_unit';
      folio_entry_kind: 'room_charge' | 'order' | 'payment' | 'refund' | 'adjustment';
      folio_kind: 'booking' | 'tab';
      folio_status: 'open' | 'settled';
      forecast_kind: 'occupancy' | 'covers';
      housekeeping_task_kind: 'departure' | 'stay_over' | 'arrival';
      housekeeping_task_status: 'open' | 'in_progress' | 'cleaned' | 'inspected';
      notification_event:
        | 'booking_created'
        | 'booking_cancelled'
        | 'booking_no_show'
        | 'order_ready'
        | 'job_finished'
        | 'refund_failed';
      order_item_status: 'queued' | 'preparing' | 'ready' | 'served' | 'voided';
      order_kind: 'table' | 'room' | 'takeaway';
      order_status: 'draft' | 'submitted' | 'preparing' | 'ready' | 'served' | 'closed' | 'voided';
      org_role: 'viewer' | 'staff' | 'manager' | 'admin' | 'owner';
      payment_method: 'cash' | 'card' | 'external';
      pricing_unit: 'night' | 'slot';
      property_kind: 'hotel' | 'restaurant' | 'venue' | 'other';
      resource_kind: 'room' | 'table' | 'space';
      room_status: 'clean' | 'dirty' | 'inspected' | 'out_of_order';
      station_kind: 'kitchen' | 'bar' | 'other';
      workflow_action: 'email_guest' | 'email_staff' | 'email_address' | 'webhook';
      workflow_trigger:
        | 'booking_created'
        | 'booking_modified'
        | 'booking_cancelled'
        | 'before_arrival'
        | 'after_departure'
        | 'booking_no_show'
        | 'order_ready';
    };
    CompositeTypes: {
      [_ in never]: never;
    };
  };
};

type DatabaseWithoutInternals = Omit<Database, '__InternalSupabase'>;

type DefaultSchema = DatabaseWithoutInternals[Extract<keyof Database, 'public'>];

export type Tables<
  DefaultSchemaTableNameOrOptions extends
    | keyof (DefaultSchema['Tables'] & DefaultSchema['Views'])
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
    ? keyof (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Tables'] &
        DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Views'])
    : never = never,
> = DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Tables'] &
      DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Views'])[TableName] extends { Row: infer R }
    ? R
    : never
  : DefaultSchemaTableNameOrOptions extends keyof (DefaultSchema['Tables'] & DefaultSchema['Views'])
    ? (DefaultSchema['Tables'] & DefaultSchema['Views'])[DefaultSchemaTableNameOrOptions] extends { Row: infer R }
      ? R
      : never
    : never;

export type TablesInsert<
  DefaultSchemaTableNameOrOptions extends keyof DefaultSchema['Tables'] | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Tables']
    : never = never,
> = DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Tables'][TableName] extends { Insert: infer I }
    ? I
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema['Tables']
    ? DefaultSchema['Tables'][DefaultSchemaTableNameOrOptions] extends { Insert: infer I }
      ? I
      : never
    : never;

export type TablesUpdate<
  DefaultSchemaTableNameOrOptions extends keyof DefaultSchema['Tables'] | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Tables']
    : never = never,
> = DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Tables'][TableName] extends { Update: infer U }
    ? U
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema['Tables']
    ? DefaultSchema['Tables'][DefaultSchemaTableNameOrOptions] extends { Update: infer U }
      ? U
      : never
    : never;

export type Enums<
  DefaultSchemaEnumNameOrOptions extends keyof DefaultSchema['Enums'] | { schema: keyof DatabaseWithoutInternals },
  EnumName extends DefaultSchemaEnumNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
    ? keyof DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions['schema']]['Enums']
    : never = never,
> = DefaultSchemaEnumNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions['schema']]['Enums'][EnumName]
  : DefaultSchemaEnumNameOrOptions extends keyof DefaultSchema['Enums']
    ? DefaultSchema['Enums'][DefaultSchemaEnumNameOrOptions]
    : never;

export type CompositeTypes<
  PublicCompositeTypeNameOrOptions extends
    | keyof DefaultSchema['CompositeTypes']
    | { schema: keyof DatabaseWithoutInternals },
  CompositeTypeName extends PublicCompositeTypeNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
    ? keyof DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions['schema']]['CompositeTypes']
    : never = never,
> = PublicCompositeTypeNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions['schema']]['CompositeTypes'][CompositeTypeName]
  : PublicCompositeTypeNameOrOptions extends keyof DefaultSchema['CompositeTypes']
    ? DefaultSchema['CompositeTypes'][PublicCompositeTypeNameOrOptions]
    : never;

export const Constants = {
  public: {
    Enums: {
      booking_source: ['staff', 'widget', 'api'],
      booking_status: ['held', 'confirmed', 'checked_in', 'checked_out', 'cancelled', 'no_show'],
      cancellation_fee_kind: ['percentage', 'first_night'],
      charge_basis: ['percentage', 'per_unit'],
      folio_entry_kind: ['room_charge', 'order', 'payment', 'refund', 'adjustment'],
      folio_kind: ['booking', 'tab'],
      folio_status: ['open', 'settled'],
      forecast_kind: ['occupancy', 'covers'],
      housekeeping_task_kind: ['departure', 'stay_over', 'arrival'],
      housekeeping_task_status: ['open', 'in_progress', 'cleaned', 'inspected'],
      notification_event: [
        'booking_created',
        'booking_cancelled',
        'booking_no_show',
        'order_ready',
        'job_finished',
        'refund_failed',
      ],
      order_item_status: ['queued', 'preparing', 'ready', 'served', 'voided'],
      order_kind: ['table', 'room', 'takeaway'],
      order_status: ['draft', 'submitted', 'preparing', 'ready', 'served', 'closed', 'voided'],
      org_role: ['viewer', 'staff', 'manager', 'admin', 'owner'],
      payment_method: ['cash', 'card', 'external'],
      pricing_unit: ['night', 'slot'],
      property_kind: ['hotel', 'restaurant', 'venue', 'other'],
      resource_kind: ['room', 'table', 'space'],
      room_status: ['clean', 'dirty', 'inspected', 'out_of_order'],
      station_kind: ['kitchen', 'bar', 'other'],
      workflow_action: ['email_guest', 'email_staff', 'email_address', 'webhook'],
      workflow_trigger: [
        'booking_created',
        'booking_modified',
        'booking_cancelled',
        'before_arrival',
        'after_departure',
        'booking_no_show',
        'order_ready',
      ],
    },
  },
} as const;
