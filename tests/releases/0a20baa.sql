-- The schema of a database made by `manage.py migrate` at commit 0a20baa, with its django_migrations rows
-- (tests/test_migration_schema.py upgrades it). Made by pg_dump --schema-only --no-owner --no-privileges
-- --no-comments, then --data-only --inserts -t django_migrations; psql's meta-commands left out.
--
-- PostgreSQL database dump
--


-- Dumped from database version 15.20 (Debian 15.20-0+deb12u1)
-- Dumped by pg_dump version 15.20 (Debian 15.20-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: catalog_artisan_crafts_derive(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.catalog_artisan_crafts_derive() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
  UPDATE artisans_artisanprofile SET search_vector = NULL
    WHERE id IN (SELECT artisanprofile_id FROM changed) AND search_vector IS NOT NULL;
  RETURN NULL;
END $$;


--
-- Name: catalog_artisan_derive(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.catalog_artisan_derive() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
  IF TG_OP = 'INSERT' OR (NEW.business_name, NEW.story, NEW.city, NEW.region, NEW.country,
                          NEW.certifications, NEW.language)
                         IS DISTINCT FROM (OLD.business_name, OLD.story, OLD.city, OLD.region,
                                           OLD.country, OLD.certifications, OLD.language) THEN
    NEW.search_vector := NULL;
  END IF;
  RETURN NEW;
END $$;


--
-- Name: catalog_change_reset(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.catalog_change_reset() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
  INSERT INTO catalog_catalogchange (reset, txid, changed_at)
    VALUES (true, pg_current_xact_id()::text::bigint, now());
  RETURN NULL;
END $$;


--
-- Name: catalog_change_rows(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.catalog_change_rows() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
  IF (SELECT count(*) FROM changed) > 1000 THEN
    INSERT INTO catalog_catalogchange (reset, txid, changed_at)
      VALUES (true, pg_current_xact_id()::text::bigint, now());
  ELSIF TG_OP = 'UPDATE' THEN
    EXECUTE format(
      'INSERT INTO catalog_catalogchange (%I, reset, txid, changed_at) '
      'SELECT DISTINCT n.%I, false, pg_current_xact_id()::text::bigint, now() '
      'FROM changed n JOIN old_rows o ON o.id = n.id '
      'WHERE to_jsonb(n) - ''search_vector'' IS DISTINCT FROM to_jsonb(o) - ''search_vector'' '
      '   OR (to_jsonb(n) -> ''search_vector'' = ''null''::jsonb '
      '       AND to_jsonb(o) -> ''search_vector'' <> ''null''::jsonb)',
      TG_ARGV[0], TG_ARGV[1]);
  ELSE
    EXECUTE format(
      'INSERT INTO catalog_catalogchange (%I, reset, txid, changed_at) '
      'SELECT DISTINCT %I, false, pg_current_xact_id()::text::bigint, now() FROM changed',
      TG_ARGV[0], TG_ARGV[1]);
  END IF;
  RETURN NULL;
END $$;


--
-- Name: catalog_craft_derive(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.catalog_craft_derive() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
  UPDATE catalog_product SET search_vector = NULL WHERE craft_id = NEW.id AND search_vector IS NOT NULL;
  UPDATE artisans_artisanprofile SET search_vector = NULL
    WHERE id IN (SELECT artisanprofile_id FROM artisans_artisanprofile_crafts WHERE craft_id = NEW.id)
      AND search_vector IS NOT NULL;
  RETURN NULL;
END $$;


--
-- Name: catalog_product_derive(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.catalog_product_derive() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
DECLARE
  rate numeric;
BEGIN
  SELECT usd_per_unit INTO rate FROM catalog_exchangerate WHERE currency = NEW.currency;
  IF rate IS NULL THEN
    RAISE EXCEPTION 'no exchange rate for currency %', NEW.currency USING ERRCODE = 'foreign_key_violation';
  END IF;
  NEW.wholesale_price_usd := round(NEW.wholesale_price * rate, 2);
  IF TG_OP = 'INSERT' OR (NEW.title, NEW.description, NEW.language, NEW.craft_id, NEW.materials,
                          NEW.techniques, NEW.colours)
                         IS DISTINCT FROM (OLD.title, OLD.description, OLD.language, OLD.craft_id,
                                           OLD.materials, OLD.techniques, OLD.colours) THEN
    NEW.search_vector := NULL;
  END IF;
  RETURN NEW;
END $$;


--
-- Name: catalog_rate_derive(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.catalog_rate_derive() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
  UPDATE catalog_product SET wholesale_price_usd = round(wholesale_price * NEW.usd_per_unit, 2)
    WHERE currency = NEW.currency;
  RETURN NULL;
END $$;


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: account_emailaddress; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.account_emailaddress (
    id integer NOT NULL,
    email character varying(254) NOT NULL,
    verified boolean NOT NULL,
    "primary" boolean NOT NULL,
    user_id bigint NOT NULL
);


--
-- Name: account_emailaddress_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.account_emailaddress ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.account_emailaddress_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: account_emailconfirmation; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.account_emailconfirmation (
    id integer NOT NULL,
    created timestamp with time zone NOT NULL,
    sent timestamp with time zone,
    key character varying(64) NOT NULL,
    email_address_id integer NOT NULL
);


--
-- Name: account_emailconfirmation_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.account_emailconfirmation ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.account_emailconfirmation_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: accounts_staffenrolment; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.accounts_staffenrolment (
    id bigint NOT NULL,
    token_hash character varying(64) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    used_at timestamp with time zone,
    issued_by_id bigint,
    user_id bigint NOT NULL
);


--
-- Name: accounts_staffenrolment_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.accounts_staffenrolment ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.accounts_staffenrolment_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: accounts_user; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.accounts_user (
    id bigint NOT NULL,
    password character varying(128) NOT NULL,
    last_login timestamp with time zone,
    is_superuser boolean NOT NULL,
    public_id uuid NOT NULL,
    email character varying(254) NOT NULL,
    full_name character varying(150) NOT NULL,
    role character varying(10) NOT NULL,
    language character varying(8) NOT NULL,
    time_zone character varying(64) NOT NULL,
    is_staff boolean NOT NULL,
    is_active boolean NOT NULL,
    date_joined timestamp with time zone NOT NULL
);


--
-- Name: accounts_user_groups; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.accounts_user_groups (
    id bigint NOT NULL,
    user_id bigint NOT NULL,
    group_id integer NOT NULL
);


--
-- Name: accounts_user_groups_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.accounts_user_groups ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.accounts_user_groups_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: accounts_user_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.accounts_user ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.accounts_user_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: accounts_user_user_permissions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.accounts_user_user_permissions (
    id bigint NOT NULL,
    user_id bigint NOT NULL,
    permission_id integer NOT NULL
);


--
-- Name: accounts_user_user_permissions_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.accounts_user_user_permissions ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.accounts_user_user_permissions_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: artisans_artisanprofile; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.artisans_artisanprofile (
    id bigint NOT NULL,
    public_id uuid NOT NULL,
    slug character varying(80) NOT NULL,
    business_name character varying(160) NOT NULL,
    kind character varying(12) NOT NULL,
    country character varying(2) NOT NULL,
    region character varying(100) NOT NULL,
    city character varying(100) NOT NULL,
    story text NOT NULL,
    language character varying(8) NOT NULL,
    languages_spoken character varying(8)[] NOT NULL,
    year_founded smallint,
    team_size smallint,
    logo character varying(100) NOT NULL,
    website character varying(200) NOT NULL,
    instagram character varying(200) NOT NULL,
    facebook character varying(200) NOT NULL,
    time_zone character varying(64) NOT NULL,
    exported_before boolean NOT NULL,
    export_markets character varying(300) NOT NULL,
    monthly_capacity integer,
    lead_time_days smallint,
    min_order_value numeric(10,2),
    currency character varying(3) NOT NULL,
    incoterms character varying(3)[] NOT NULL,
    payment_terms character varying(200) NOT NULL,
    certifications character varying(80)[] NOT NULL,
    status character varying(10) NOT NULL,
    rejection_reason text NOT NULL,
    submitted_at timestamp with time zone,
    reviewed_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    search_vector tsvector,
    reviewed_by_id bigint,
    user_id bigint NOT NULL,
    logo_thumb character varying(100) NOT NULL,
    CONSTRAINT artisans_artisanprofile_lead_time_days_check CHECK ((lead_time_days >= 0)),
    CONSTRAINT artisans_artisanprofile_monthly_capacity_check CHECK ((monthly_capacity >= 0)),
    CONSTRAINT artisans_artisanprofile_team_size_check CHECK ((team_size >= 0)),
    CONSTRAINT artisans_artisanprofile_year_founded_check CHECK ((year_founded >= 0))
);


--
-- Name: artisans_artisanprofile_crafts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.artisans_artisanprofile_crafts (
    id bigint NOT NULL,
    artisanprofile_id bigint NOT NULL,
    craft_id bigint NOT NULL
);


--
-- Name: artisans_artisanprofile_crafts_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.artisans_artisanprofile_crafts ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.artisans_artisanprofile_crafts_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: artisans_artisanprofile_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.artisans_artisanprofile ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.artisans_artisanprofile_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: artisans_workshopphoto; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.artisans_workshopphoto (
    id bigint NOT NULL,
    image character varying(100) NOT NULL,
    width integer,
    height integer,
    alt_text character varying(200) NOT NULL,
    "position" smallint NOT NULL,
    thumb character varying(100) NOT NULL,
    card character varying(100) NOT NULL,
    large character varying(100) NOT NULL,
    artisan_id bigint NOT NULL,
    CONSTRAINT artisans_workshopphoto_height_check CHECK ((height >= 0)),
    CONSTRAINT artisans_workshopphoto_position_check CHECK (("position" >= 0)),
    CONSTRAINT artisans_workshopphoto_width_check CHECK ((width >= 0))
);


--
-- Name: artisans_workshopphoto_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.artisans_workshopphoto ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.artisans_workshopphoto_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: auth_group; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.auth_group (
    id integer NOT NULL,
    name character varying(150) NOT NULL
);


--
-- Name: auth_group_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.auth_group ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.auth_group_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: auth_group_permissions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.auth_group_permissions (
    id bigint NOT NULL,
    group_id integer NOT NULL,
    permission_id integer NOT NULL
);


--
-- Name: auth_group_permissions_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.auth_group_permissions ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.auth_group_permissions_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: auth_permission; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.auth_permission (
    id integer NOT NULL,
    name character varying(255) NOT NULL,
    content_type_id integer NOT NULL,
    codename character varying(100) NOT NULL
);


--
-- Name: auth_permission_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.auth_permission ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.auth_permission_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: buyers_buyerprofile; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.buyers_buyerprofile (
    id bigint NOT NULL,
    public_id uuid NOT NULL,
    organisation_name character varying(160) NOT NULL,
    organisation_kind character varying(20) NOT NULL,
    website character varying(200) NOT NULL,
    country character varying(2) NOT NULL,
    city character varying(100) NOT NULL,
    job_title character varying(120) NOT NULL,
    typical_order_qty integer,
    price_min_usd numeric(10,2),
    price_max_usd numeric(10,2),
    languages character varying(8)[] NOT NULL,
    is_verified boolean NOT NULL,
    verified_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    user_id bigint NOT NULL,
    verified_by_id bigint,
    CONSTRAINT buyers_buyerprofile_typical_order_qty_check CHECK ((typical_order_qty >= 0))
);


--
-- Name: buyers_buyerprofile_crafts_of_interest; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.buyers_buyerprofile_crafts_of_interest (
    id bigint NOT NULL,
    buyerprofile_id bigint NOT NULL,
    craft_id bigint NOT NULL
);


--
-- Name: buyers_buyerprofile_crafts_of_interest_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.buyers_buyerprofile_crafts_of_interest ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.buyers_buyerprofile_crafts_of_interest_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: buyers_buyerprofile_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.buyers_buyerprofile ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.buyers_buyerprofile_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: buyers_shortlistitem; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.buyers_shortlistitem (
    id bigint NOT NULL,
    public_id uuid NOT NULL,
    note text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    artisan_id bigint,
    buyer_id bigint NOT NULL,
    product_id bigint,
    CONSTRAINT shortlist_exactly_one_target CHECK ((((artisan_id IS NOT NULL) AND (product_id IS NULL)) OR ((artisan_id IS NULL) AND (product_id IS NOT NULL))))
);


--
-- Name: buyers_shortlistitem_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.buyers_shortlistitem ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.buyers_shortlistitem_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: catalog_catalogchange; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.catalog_catalogchange (
    id bigint NOT NULL,
    product_id bigint,
    artisan_id bigint,
    reset boolean NOT NULL,
    txid bigint NOT NULL,
    changed_at timestamp with time zone NOT NULL
);


--
-- Name: catalog_catalogchange_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.catalog_catalogchange ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.catalog_catalogchange_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: catalog_craft; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.catalog_craft (
    id bigint NOT NULL,
    slug character varying(50) NOT NULL,
    name_en character varying(80) NOT NULL,
    name_fr character varying(80) NOT NULL,
    name_es character varying(80) NOT NULL,
    name_ar character varying(80) NOT NULL,
    "position" smallint NOT NULL,
    CONSTRAINT catalog_craft_position_check CHECK (("position" >= 0))
);


--
-- Name: catalog_craft_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.catalog_craft ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.catalog_craft_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: catalog_exchangerate; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.catalog_exchangerate (
    currency character varying(3) NOT NULL,
    usd_per_unit numeric(12,6) NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT exchange_rate_positive CHECK ((usd_per_unit > (0)::numeric)),
    CONSTRAINT exchange_rate_usd_is_one CHECK (((NOT ((currency)::text = 'USD'::text)) OR (usd_per_unit = (1)::numeric)))
);


--
-- Name: catalog_product; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.catalog_product (
    id bigint NOT NULL,
    public_id uuid NOT NULL,
    title character varying(160) NOT NULL,
    description text NOT NULL,
    language character varying(8) NOT NULL,
    materials character varying(40)[] NOT NULL,
    techniques character varying(60)[] NOT NULL,
    colours character varying(30)[] NOT NULL,
    width_cm numeric(7,1),
    height_cm numeric(7,1),
    depth_cm numeric(7,1),
    weight_kg numeric(7,2),
    currency character varying(3) NOT NULL,
    wholesale_price numeric(10,2) NOT NULL,
    retail_price numeric(10,2),
    wholesale_price_usd numeric(12,2) NOT NULL,
    min_order_qty integer NOT NULL,
    lead_time_days smallint NOT NULL,
    monthly_capacity integer,
    status character varying(10) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    search_vector tsvector,
    artisan_id bigint NOT NULL,
    craft_id bigint NOT NULL,
    CONSTRAINT catalog_product_lead_time_days_check CHECK ((lead_time_days >= 0)),
    CONSTRAINT catalog_product_min_order_qty_check CHECK ((min_order_qty >= 0)),
    CONSTRAINT catalog_product_monthly_capacity_check CHECK ((monthly_capacity >= 0)),
    CONSTRAINT product_moq_positive CHECK ((min_order_qty >= 1)),
    CONSTRAINT product_price_positive CHECK ((wholesale_price > (0)::numeric))
);


--
-- Name: catalog_product_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.catalog_product ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.catalog_product_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: catalog_productphoto; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.catalog_productphoto (
    id bigint NOT NULL,
    image character varying(100) NOT NULL,
    width integer,
    height integer,
    alt_text character varying(200) NOT NULL,
    "position" smallint NOT NULL,
    thumb character varying(100) NOT NULL,
    card character varying(100) NOT NULL,
    large character varying(100) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    product_id bigint NOT NULL,
    CONSTRAINT catalog_productphoto_height_check CHECK ((height >= 0)),
    CONSTRAINT catalog_productphoto_position_check CHECK (("position" >= 0)),
    CONSTRAINT catalog_productphoto_width_check CHECK ((width >= 0))
);


--
-- Name: catalog_productphoto_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.catalog_productphoto ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.catalog_productphoto_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: django_admin_log; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.django_admin_log (
    id integer NOT NULL,
    action_time timestamp with time zone NOT NULL,
    object_id text,
    object_repr character varying(200) NOT NULL,
    action_flag smallint NOT NULL,
    change_message text NOT NULL,
    content_type_id integer,
    user_id bigint NOT NULL,
    CONSTRAINT django_admin_log_action_flag_check CHECK ((action_flag >= 0))
);


--
-- Name: django_admin_log_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.django_admin_log ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.django_admin_log_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: django_content_type; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.django_content_type (
    id integer NOT NULL,
    app_label character varying(100) NOT NULL,
    model character varying(100) NOT NULL
);


--
-- Name: django_content_type_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.django_content_type ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.django_content_type_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: django_migrations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.django_migrations (
    id bigint NOT NULL,
    app character varying(255) NOT NULL,
    name character varying(255) NOT NULL,
    applied timestamp with time zone NOT NULL
);


--
-- Name: django_migrations_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.django_migrations ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.django_migrations_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: django_session; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.django_session (
    session_key character varying(40) NOT NULL,
    session_data text NOT NULL,
    expire_date timestamp with time zone NOT NULL
);


--
-- Name: matchmaking_interpreter; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.matchmaking_interpreter (
    id bigint NOT NULL,
    name character varying(160) NOT NULL,
    email character varying(254) NOT NULL,
    languages character varying(8)[] NOT NULL,
    program_id bigint NOT NULL
);


--
-- Name: matchmaking_interpreter_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.matchmaking_interpreter ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.matchmaking_interpreter_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: matchmaking_interpreteravailability; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.matchmaking_interpreteravailability (
    id bigint NOT NULL,
    starts_at timestamp with time zone NOT NULL,
    ends_at timestamp with time zone NOT NULL,
    interpreter_id bigint NOT NULL,
    CONSTRAINT interpreter_availability_ordered CHECK ((ends_at > starts_at))
);


--
-- Name: matchmaking_interpreteravailability_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.matchmaking_interpreteravailability ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.matchmaking_interpreteravailability_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: matchmaking_planitem; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.matchmaking_planitem (
    id bigint NOT NULL,
    start_at timestamp with time zone NOT NULL,
    "table" smallint,
    weight integer NOT NULL,
    kept boolean NOT NULL,
    artisan_id bigint NOT NULL,
    buyer_user_id bigint NOT NULL,
    interpreter_id bigint,
    meeting_id bigint,
    plan_id bigint NOT NULL,
    CONSTRAINT matchmaking_planitem_table_check CHECK (("table" >= 0)),
    CONSTRAINT matchmaking_planitem_weight_check CHECK ((weight >= 0))
);


--
-- Name: matchmaking_planitem_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.matchmaking_planitem ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.matchmaking_planitem_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: matchmaking_preference; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.matchmaking_preference (
    id bigint NOT NULL,
    side character varying(8) NOT NULL,
    level smallint NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    artisan_id bigint NOT NULL,
    buyer_user_id bigint NOT NULL,
    program_id bigint NOT NULL,
    CONSTRAINT matchmaking_preference_level_check CHECK ((level >= 0)),
    CONSTRAINT preference_level_known CHECK ((level = ANY (ARRAY[0, 2, 3])))
);


--
-- Name: matchmaking_preference_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.matchmaking_preference ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.matchmaking_preference_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: matchmaking_recommendation; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.matchmaking_recommendation (
    id bigint NOT NULL,
    score double precision NOT NULL,
    reasons jsonb NOT NULL,
    hidden_by_buyer boolean NOT NULL,
    hidden_by_artisan boolean NOT NULL,
    computed_at timestamp with time zone NOT NULL,
    artisan_id bigint NOT NULL,
    buyer_user_id bigint NOT NULL,
    program_id bigint NOT NULL
);


--
-- Name: matchmaking_recommendation_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.matchmaking_recommendation ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.matchmaking_recommendation_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: matchmaking_scheduleplan; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.matchmaking_scheduleplan (
    id bigint NOT NULL,
    status character varying(10) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    started_at timestamp with time zone,
    finished_at timestamp with time zone,
    value integer,
    bound integer,
    gap double precision,
    greedy_value integer,
    solve_seconds double precision,
    solver_status character varying(40) NOT NULL,
    error text NOT NULL,
    published_at timestamp with time zone,
    created_by_id bigint,
    published_by_id bigint,
    session_id bigint NOT NULL,
    CONSTRAINT matchmaking_scheduleplan_bound_check CHECK ((bound >= 0)),
    CONSTRAINT matchmaking_scheduleplan_greedy_value_check CHECK ((greedy_value >= 0)),
    CONSTRAINT matchmaking_scheduleplan_value_check CHECK ((value >= 0))
);


--
-- Name: matchmaking_scheduleplan_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.matchmaking_scheduleplan ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.matchmaking_scheduleplan_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: matchmaking_scoreweights; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.matchmaking_scoreweights (
    id bigint NOT NULL,
    crafts double precision NOT NULL,
    materials double precision NOT NULL,
    price double precision NOT NULL,
    order_size double precision NOT NULL,
    lead_time double precision NOT NULL,
    language double precision NOT NULL,
    time_overlap double precision NOT NULL,
    exported double precision NOT NULL,
    program_part double precision NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    program_id bigint NOT NULL,
    CONSTRAINT score_weights_not_negative CHECK (((crafts >= (0.0)::double precision) AND (exported >= (0.0)::double precision) AND (language >= (0.0)::double precision) AND (lead_time >= (0.0)::double precision) AND (materials >= (0.0)::double precision) AND (order_size >= (0.0)::double precision) AND (price >= (0.0)::double precision) AND (program_part >= (0.0)::double precision) AND (time_overlap >= (0.0)::double precision)))
);


--
-- Name: matchmaking_scoreweights_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.matchmaking_scoreweights ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.matchmaking_scoreweights_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: matchmaking_session; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.matchmaking_session (
    id bigint NOT NULL,
    name character varying(160) NOT NULL,
    kind character varying(10) NOT NULL,
    time_zone character varying(64) NOT NULL,
    first_day date NOT NULL,
    last_day date NOT NULL,
    day_starts time without time zone NOT NULL,
    day_ends time without time zone NOT NULL,
    slot_minutes smallint NOT NULL,
    breaks character varying(11)[] NOT NULL,
    tables smallint,
    venue character varying(300) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    program_id bigint NOT NULL,
    CONSTRAINT matchmaking_session_slot_minutes_check CHECK ((slot_minutes >= 0)),
    CONSTRAINT matchmaking_session_tables_check CHECK ((tables >= 0)),
    CONSTRAINT session_days_ordered CHECK ((last_day >= first_day)),
    CONSTRAINT session_hours_ordered CHECK ((day_ends > day_starts)),
    CONSTRAINT session_physical_has_tables CHECK (((NOT ((kind)::text = 'physical'::text)) OR (tables >= 1))),
    CONSTRAINT session_slot_length CHECK ((slot_minutes >= 5))
);


--
-- Name: matchmaking_session_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.matchmaking_session ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.matchmaking_session_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: meetings_availabilityexception; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.meetings_availabilityexception (
    id bigint NOT NULL,
    start_date date NOT NULL,
    end_date date NOT NULL,
    reason character varying(160) NOT NULL,
    artisan_id bigint NOT NULL,
    CONSTRAINT exception_start_before_end CHECK ((start_date <= end_date))
);


--
-- Name: meetings_availabilityexception_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.meetings_availabilityexception ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.meetings_availabilityexception_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: meetings_availabilitysettings; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.meetings_availabilitysettings (
    id bigint NOT NULL,
    durations smallint[] NOT NULL,
    artisan_id bigint NOT NULL
);


--
-- Name: meetings_availabilitysettings_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.meetings_availabilitysettings ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.meetings_availabilitysettings_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: meetings_availabilityslot; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.meetings_availabilityslot (
    id bigint NOT NULL,
    date date NOT NULL,
    start_time time without time zone NOT NULL,
    end_time time without time zone NOT NULL,
    artisan_id bigint NOT NULL,
    CONSTRAINT slot_start_before_end CHECK ((start_time < end_time))
);


--
-- Name: meetings_availabilityslot_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.meetings_availabilityslot ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.meetings_availabilityslot_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: meetings_availabilitywindow; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.meetings_availabilitywindow (
    id bigint NOT NULL,
    weekday smallint NOT NULL,
    start_time time without time zone NOT NULL,
    end_time time without time zone NOT NULL,
    artisan_id bigint NOT NULL,
    CONSTRAINT meetings_availabilitywindow_weekday_check CHECK ((weekday >= 0)),
    CONSTRAINT window_start_before_end CHECK ((start_time < end_time))
);


--
-- Name: meetings_availabilitywindow_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.meetings_availabilitywindow ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.meetings_availabilitywindow_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: meetings_meeting; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.meetings_meeting (
    id bigint NOT NULL,
    public_id uuid NOT NULL,
    status character varying(12) NOT NULL,
    mode character varying(10) NOT NULL,
    location character varying(300) NOT NULL,
    duration_minutes smallint NOT NULL,
    proposed_starts timestamp with time zone[] NOT NULL,
    proposed_time_zone character varying(64) NOT NULL,
    start_at timestamp with time zone,
    end_at timestamp with time zone,
    sequence integer NOT NULL,
    video_token character varying(64) NOT NULL,
    decline_reason text NOT NULL,
    cancel_reason text NOT NULL,
    confirmed_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    artisan_id bigint NOT NULL,
    artisan_user_id bigint NOT NULL,
    buyer_id bigint NOT NULL,
    buyer_user_id bigint NOT NULL,
    cancelled_by_id bigint,
    proposed_by_id bigint,
    program_id bigint,
    calendar_due character varying(8) NOT NULL,
    calendar_due_since timestamp with time zone,
    CONSTRAINT meeting_booked_has_time CHECK (((NOT ((status)::text = ANY ((ARRAY['confirmed'::character varying, 'rescheduling'::character varying, 'completed'::character varying])::text[]))) OR ((end_at IS NOT NULL) AND (start_at IS NOT NULL)))),
    CONSTRAINT meeting_end_after_start CHECK (((start_at IS NULL) OR (end_at > start_at))),
    CONSTRAINT meetings_meeting_duration_minutes_check CHECK ((duration_minutes >= 0)),
    CONSTRAINT meetings_meeting_sequence_check CHECK ((sequence >= 0))
);


--
-- Name: meetings_meeting_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.meetings_meeting ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.meetings_meeting_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: meetings_meeting_products; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.meetings_meeting_products (
    id bigint NOT NULL,
    meeting_id bigint NOT NULL,
    product_id bigint NOT NULL
);


--
-- Name: meetings_meeting_products_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.meetings_meeting_products ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.meetings_meeting_products_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: meetings_meetingevent; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.meetings_meetingevent (
    id bigint NOT NULL,
    action character varying(30) NOT NULL,
    from_status character varying(12) NOT NULL,
    to_status character varying(12) NOT NULL,
    note text NOT NULL,
    start_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    actor_id bigint,
    meeting_id bigint NOT NULL
);


--
-- Name: meetings_meetingevent_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.meetings_meetingevent ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.meetings_meetingevent_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: meetings_message; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.meetings_message (
    id bigint NOT NULL,
    body text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    author_id bigint NOT NULL,
    meeting_id bigint NOT NULL
);


--
-- Name: meetings_message_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.meetings_message ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.meetings_message_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: meetings_outcome; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.meetings_outcome (
    id bigint NOT NULL,
    attendance character varying(8) NOT NULL,
    interest smallint NOT NULL,
    next_step character varying(10) NOT NULL,
    estimated_order_value numeric(12,2),
    currency character varying(3) NOT NULL,
    notes text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    meeting_id bigint NOT NULL,
    user_id bigint NOT NULL,
    CONSTRAINT meetings_outcome_interest_check CHECK ((interest >= 0)),
    CONSTRAINT outcome_value_not_negative CHECK (((estimated_order_value IS NULL) OR (estimated_order_value >= (0)::numeric)))
);


--
-- Name: meetings_outcome_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.meetings_outcome ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.meetings_outcome_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: meetings_reminder; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.meetings_reminder (
    id bigint NOT NULL,
    kind character varying(3) NOT NULL,
    sequence integer NOT NULL,
    created_at timestamp with time zone NOT NULL,
    email_id bigint,
    meeting_id bigint NOT NULL,
    user_id bigint NOT NULL,
    CONSTRAINT meetings_reminder_sequence_check CHECK ((sequence >= 0))
);


--
-- Name: meetings_reminder_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.meetings_reminder ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.meetings_reminder_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: mfa_authenticator; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.mfa_authenticator (
    id bigint NOT NULL,
    type character varying(20) NOT NULL,
    data jsonb NOT NULL,
    user_id bigint NOT NULL,
    created_at timestamp with time zone NOT NULL,
    last_used_at timestamp with time zone
);


--
-- Name: mfa_authenticator_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.mfa_authenticator ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.mfa_authenticator_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: notifications_email; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.notifications_email (
    id bigint NOT NULL,
    key character varying(200) NOT NULL,
    "to" character varying(254) NOT NULL,
    subject character varying(255) NOT NULL,
    body_text text NOT NULL,
    body_html text NOT NULL,
    attachments jsonb NOT NULL,
    status character varying(10) NOT NULL,
    attempts smallint NOT NULL,
    last_error text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    claimed_at timestamp with time zone,
    sent_at timestamp with time zone,
    language character varying(10) DEFAULT ''::character varying NOT NULL,
    CONSTRAINT notifications_email_attempts_check CHECK ((attempts >= 0))
);


--
-- Name: notifications_email_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.notifications_email ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.notifications_email_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: privacy_privacysettings; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.privacy_privacysettings (
    id bigint NOT NULL,
    message_retention_days integer NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT privacy_privacysettings_message_retention_days_check CHECK ((message_retention_days >= 0)),
    CONSTRAINT privacy_settings_singleton CHECK ((id = 1))
);


--
-- Name: privacy_privacysettings_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.privacy_privacysettings ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.privacy_privacysettings_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: programs_application; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.programs_application (
    id bigint NOT NULL,
    email character varying(254) NOT NULL,
    status character varying(10) NOT NULL,
    motivation text NOT NULL,
    token character varying(128) NOT NULL,
    invited_at timestamp with time zone,
    applied_at timestamp with time zone,
    decided_at timestamp with time zone,
    artisan_id bigint,
    program_id bigint NOT NULL,
    decided_by_id bigint,
    language character varying(8) NOT NULL,
    CONSTRAINT application_has_someone CHECK (((artisan_id IS NOT NULL) OR (NOT ((email)::text = ''::text))))
);


--
-- Name: programs_application_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.programs_application ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.programs_application_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: programs_buyerinvitation; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.programs_buyerinvitation (
    id bigint NOT NULL,
    email character varying(254) NOT NULL,
    token character varying(128) NOT NULL,
    resends smallint NOT NULL,
    registered_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    invited_by_id bigint,
    outbox_id bigint,
    user_id bigint,
    program_id bigint NOT NULL,
    language character varying(8) NOT NULL,
    CONSTRAINT programs_buyerinvitation_resends_check CHECK ((resends >= 0))
);


--
-- Name: programs_buyerinvitation_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.programs_buyerinvitation ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.programs_buyerinvitation_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: programs_joinrequest; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.programs_joinrequest (
    id bigint NOT NULL,
    status character varying(10) NOT NULL,
    requested_at timestamp with time zone NOT NULL,
    decided_at timestamp with time zone,
    decided_by_id bigint,
    invitation_id bigint NOT NULL,
    user_id bigint NOT NULL,
    CONSTRAINT join_request_decided_when CHECK ((((status)::text = 'pending'::text) OR (decided_at IS NOT NULL)))
);


--
-- Name: programs_joinrequest_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.programs_joinrequest ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.programs_joinrequest_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: programs_program; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.programs_program (
    id bigint NOT NULL,
    public_id uuid NOT NULL,
    name character varying(160) NOT NULL,
    slug character varying(50) NOT NULL,
    kind character varying(20) NOT NULL,
    organiser character varying(160) NOT NULL,
    description text NOT NULL,
    starts_on date NOT NULL,
    ends_on date NOT NULL,
    meetings_open_at timestamp with time zone,
    meetings_close_at timestamp with time zone,
    time_zone character varying(64) NOT NULL,
    meeting_minutes smallint NOT NULL,
    max_meetings_per_artisan smallint,
    max_meetings_per_buyer smallint,
    status character varying(20) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    catalog_pdf character varying(100) NOT NULL,
    catalog_pdf_made_at timestamp with time zone,
    catalog_pdf_requested_at timestamp with time zone,
    public_catalog boolean NOT NULL,
    CONSTRAINT program_dates_ordered CHECK ((ends_on >= starts_on)),
    CONSTRAINT program_window_ordered CHECK (((meetings_open_at IS NULL) OR (meetings_close_at IS NULL) OR (meetings_close_at > meetings_open_at))),
    CONSTRAINT programs_program_max_meetings_per_artisan_check CHECK ((max_meetings_per_artisan >= 0)),
    CONSTRAINT programs_program_max_meetings_per_buyer_check CHECK ((max_meetings_per_buyer >= 0)),
    CONSTRAINT programs_program_meeting_minutes_check CHECK ((meeting_minutes >= 0))
);


--
-- Name: programs_program_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.programs_program ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.programs_program_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: programs_programbuyer; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.programs_programbuyer (
    id bigint NOT NULL,
    joined_at timestamp with time zone NOT NULL,
    program_id bigint NOT NULL,
    user_id bigint NOT NULL
);


--
-- Name: programs_programbuyer_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.programs_programbuyer ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.programs_programbuyer_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: account_emailaddress account_emailaddress_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.account_emailaddress
    ADD CONSTRAINT account_emailaddress_pkey PRIMARY KEY (id);


--
-- Name: account_emailaddress account_emailaddress_user_id_email_987c8728_uniq; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.account_emailaddress
    ADD CONSTRAINT account_emailaddress_user_id_email_987c8728_uniq UNIQUE (user_id, email);


--
-- Name: account_emailconfirmation account_emailconfirmation_key_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.account_emailconfirmation
    ADD CONSTRAINT account_emailconfirmation_key_key UNIQUE (key);


--
-- Name: account_emailconfirmation account_emailconfirmation_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.account_emailconfirmation
    ADD CONSTRAINT account_emailconfirmation_pkey PRIMARY KEY (id);


--
-- Name: accounts_staffenrolment accounts_staffenrolment_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.accounts_staffenrolment
    ADD CONSTRAINT accounts_staffenrolment_pkey PRIMARY KEY (id);


--
-- Name: accounts_staffenrolment accounts_staffenrolment_token_hash_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.accounts_staffenrolment
    ADD CONSTRAINT accounts_staffenrolment_token_hash_key UNIQUE (token_hash);


--
-- Name: accounts_user accounts_user_email_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.accounts_user
    ADD CONSTRAINT accounts_user_email_key UNIQUE (email);


--
-- Name: accounts_user_groups accounts_user_groups_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.accounts_user_groups
    ADD CONSTRAINT accounts_user_groups_pkey PRIMARY KEY (id);


--
-- Name: accounts_user_groups accounts_user_groups_user_id_group_id_59c0b32f_uniq; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.accounts_user_groups
    ADD CONSTRAINT accounts_user_groups_user_id_group_id_59c0b32f_uniq UNIQUE (user_id, group_id);


--
-- Name: accounts_user accounts_user_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.accounts_user
    ADD CONSTRAINT accounts_user_pkey PRIMARY KEY (id);


--
-- Name: accounts_user accounts_user_public_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.accounts_user
    ADD CONSTRAINT accounts_user_public_id_key UNIQUE (public_id);


--
-- Name: accounts_user_user_permissions accounts_user_user_permi_user_id_permission_id_2ab516c2_uniq; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.accounts_user_user_permissions
    ADD CONSTRAINT accounts_user_user_permi_user_id_permission_id_2ab516c2_uniq UNIQUE (user_id, permission_id);


--
-- Name: accounts_user_user_permissions accounts_user_user_permissions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.accounts_user_user_permissions
    ADD CONSTRAINT accounts_user_user_permissions_pkey PRIMARY KEY (id);


--
-- Name: programs_application application_unique_artisan; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.programs_application
    ADD CONSTRAINT application_unique_artisan UNIQUE (program_id, artisan_id);


--
-- Name: artisans_artisanprofile_crafts artisans_artisanprofile__artisanprofile_id_craft__2057b9c5_uniq; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.artisans_artisanprofile_crafts
    ADD CONSTRAINT artisans_artisanprofile__artisanprofile_id_craft__2057b9c5_uniq UNIQUE (artisanprofile_id, craft_id);


--
-- Name: artisans_artisanprofile_crafts artisans_artisanprofile_crafts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.artisans_artisanprofile_crafts
    ADD CONSTRAINT artisans_artisanprofile_crafts_pkey PRIMARY KEY (id);


--
-- Name: artisans_artisanprofile artisans_artisanprofile_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.artisans_artisanprofile
    ADD CONSTRAINT artisans_artisanprofile_pkey PRIMARY KEY (id);


--
-- Name: artisans_artisanprofile artisans_artisanprofile_public_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.artisans_artisanprofile
    ADD CONSTRAINT artisans_artisanprofile_public_id_key UNIQUE (public_id);


--
-- Name: artisans_artisanprofile artisans_artisanprofile_slug_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.artisans_artisanprofile
    ADD CONSTRAINT artisans_artisanprofile_slug_key UNIQUE (slug);


--
-- Name: artisans_artisanprofile artisans_artisanprofile_user_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.artisans_artisanprofile
    ADD CONSTRAINT artisans_artisanprofile_user_id_key UNIQUE (user_id);


--
-- Name: artisans_workshopphoto artisans_workshopphoto_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.artisans_workshopphoto
    ADD CONSTRAINT artisans_workshopphoto_pkey PRIMARY KEY (id);


--
-- Name: auth_group auth_group_name_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.auth_group
    ADD CONSTRAINT auth_group_name_key UNIQUE (name);


--
-- Name: auth_group_permissions auth_group_permissions_group_id_permission_id_0cd325b0_uniq; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.auth_group_permissions
    ADD CONSTRAINT auth_group_permissions_group_id_permission_id_0cd325b0_uniq UNIQUE (group_id, permission_id);


--
-- Name: auth_group_permissions auth_group_permissions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.auth_group_permissions
    ADD CONSTRAINT auth_group_permissions_pkey PRIMARY KEY (id);


--
-- Name: auth_group auth_group_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.auth_group
    ADD CONSTRAINT auth_group_pkey PRIMARY KEY (id);


--
-- Name: auth_permission auth_permission_content_type_id_codename_01ab375a_uniq; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.auth_permission
    ADD CONSTRAINT auth_permission_content_type_id_codename_01ab375a_uniq UNIQUE (content_type_id, codename);


--
-- Name: auth_permission auth_permission_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.auth_permission
    ADD CONSTRAINT auth_permission_pkey PRIMARY KEY (id);


--
-- Name: buyers_buyerprofile_crafts_of_interest buyers_buyerprofile_craf_buyerprofile_id_craft_id_55ba25d6_uniq; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.buyers_buyerprofile_crafts_of_interest
    ADD CONSTRAINT buyers_buyerprofile_craf_buyerprofile_id_craft_id_55ba25d6_uniq UNIQUE (buyerprofile_id, craft_id);


--
-- Name: buyers_buyerprofile_crafts_of_interest buyers_buyerprofile_crafts_of_interest_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.buyers_buyerprofile_crafts_of_interest
    ADD CONSTRAINT buyers_buyerprofile_crafts_of_interest_pkey PRIMARY KEY (id);


--
-- Name: buyers_buyerprofile buyers_buyerprofile_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.buyers_buyerprofile
    ADD CONSTRAINT buyers_buyerprofile_pkey PRIMARY KEY (id);


--
-- Name: buyers_buyerprofile buyers_buyerprofile_public_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.buyers_buyerprofile
    ADD CONSTRAINT buyers_buyerprofile_public_id_key UNIQUE (public_id);


--
-- Name: buyers_buyerprofile buyers_buyerprofile_user_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.buyers_buyerprofile
    ADD CONSTRAINT buyers_buyerprofile_user_id_key UNIQUE (user_id);


--
-- Name: buyers_shortlistitem buyers_shortlistitem_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.buyers_shortlistitem
    ADD CONSTRAINT buyers_shortlistitem_pkey PRIMARY KEY (id);


--
-- Name: buyers_shortlistitem buyers_shortlistitem_public_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.buyers_shortlistitem
    ADD CONSTRAINT buyers_shortlistitem_public_id_key UNIQUE (public_id);


--
-- Name: catalog_catalogchange catalog_catalogchange_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.catalog_catalogchange
    ADD CONSTRAINT catalog_catalogchange_pkey PRIMARY KEY (id);


--
-- Name: catalog_craft catalog_craft_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.catalog_craft
    ADD CONSTRAINT catalog_craft_pkey PRIMARY KEY (id);


--
-- Name: catalog_craft catalog_craft_slug_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.catalog_craft
    ADD CONSTRAINT catalog_craft_slug_key UNIQUE (slug);


--
-- Name: catalog_exchangerate catalog_exchangerate_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.catalog_exchangerate
    ADD CONSTRAINT catalog_exchangerate_pkey PRIMARY KEY (currency);


--
-- Name: catalog_product catalog_product_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.catalog_product
    ADD CONSTRAINT catalog_product_pkey PRIMARY KEY (id);


--
-- Name: catalog_product catalog_product_public_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.catalog_product
    ADD CONSTRAINT catalog_product_public_id_key UNIQUE (public_id);


--
-- Name: catalog_productphoto catalog_productphoto_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.catalog_productphoto
    ADD CONSTRAINT catalog_productphoto_pkey PRIMARY KEY (id);


--
-- Name: django_admin_log django_admin_log_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.django_admin_log
    ADD CONSTRAINT django_admin_log_pkey PRIMARY KEY (id);


--
-- Name: django_content_type django_content_type_app_label_model_76bd3d3b_uniq; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.django_content_type
    ADD CONSTRAINT django_content_type_app_label_model_76bd3d3b_uniq UNIQUE (app_label, model);


--
-- Name: django_content_type django_content_type_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.django_content_type
    ADD CONSTRAINT django_content_type_pkey PRIMARY KEY (id);


--
-- Name: django_migrations django_migrations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.django_migrations
    ADD CONSTRAINT django_migrations_pkey PRIMARY KEY (id);


--
-- Name: django_session django_session_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.django_session
    ADD CONSTRAINT django_session_pkey PRIMARY KEY (session_key);


--
-- Name: programs_buyerinvitation invitation_unique_email; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.programs_buyerinvitation
    ADD CONSTRAINT invitation_unique_email UNIQUE (program_id, email);


--
-- Name: programs_joinrequest join_request_unique_user; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.programs_joinrequest
    ADD CONSTRAINT join_request_unique_user UNIQUE (invitation_id, user_id);


--
-- Name: matchmaking_interpreter matchmaking_interpreter_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.matchmaking_interpreter
    ADD CONSTRAINT matchmaking_interpreter_pkey PRIMARY KEY (id);


--
-- Name: matchmaking_interpreteravailability matchmaking_interpreteravailability_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.matchmaking_interpreteravailability
    ADD CONSTRAINT matchmaking_interpreteravailability_pkey PRIMARY KEY (id);


--
-- Name: matchmaking_planitem matchmaking_planitem_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.matchmaking_planitem
    ADD CONSTRAINT matchmaking_planitem_pkey PRIMARY KEY (id);


--
-- Name: matchmaking_preference matchmaking_preference_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.matchmaking_preference
    ADD CONSTRAINT matchmaking_preference_pkey PRIMARY KEY (id);


--
-- Name: matchmaking_recommendation matchmaking_recommendation_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.matchmaking_recommendation
    ADD CONSTRAINT matchmaking_recommendation_pkey PRIMARY KEY (id);


--
-- Name: matchmaking_scheduleplan matchmaking_scheduleplan_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.matchmaking_scheduleplan
    ADD CONSTRAINT matchmaking_scheduleplan_pkey PRIMARY KEY (id);


--
-- Name: matchmaking_scoreweights matchmaking_scoreweights_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.matchmaking_scoreweights
    ADD CONSTRAINT matchmaking_scoreweights_pkey PRIMARY KEY (id);


--
-- Name: matchmaking_scoreweights matchmaking_scoreweights_program_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.matchmaking_scoreweights
    ADD CONSTRAINT matchmaking_scoreweights_program_id_key UNIQUE (program_id);


--
-- Name: matchmaking_session matchmaking_session_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.matchmaking_session
    ADD CONSTRAINT matchmaking_session_pkey PRIMARY KEY (id);


--
-- Name: meetings_meeting meeting_artisan_no_overlap; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meetings_meeting
    ADD CONSTRAINT meeting_artisan_no_overlap EXCLUDE USING gist (int8range(artisan_user_id, artisan_user_id, '[]'::text) WITH =, tstzrange(start_at, end_at) WITH &&) WHERE (((status)::text = ANY ((ARRAY['confirmed'::character varying, 'rescheduling'::character varying])::text[])));


--
-- Name: meetings_meeting meeting_buyer_no_overlap; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meetings_meeting
    ADD CONSTRAINT meeting_buyer_no_overlap EXCLUDE USING gist (int8range(buyer_user_id, buyer_user_id, '[]'::text) WITH =, tstzrange(start_at, end_at) WITH &&) WHERE (((status)::text = ANY ((ARRAY['confirmed'::character varying, 'rescheduling'::character varying])::text[])));


--
-- Name: meetings_availabilityexception meetings_availabilityexception_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meetings_availabilityexception
    ADD CONSTRAINT meetings_availabilityexception_pkey PRIMARY KEY (id);


--
-- Name: meetings_availabilitysettings meetings_availabilitysettings_artisan_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meetings_availabilitysettings
    ADD CONSTRAINT meetings_availabilitysettings_artisan_id_key UNIQUE (artisan_id);


--
-- Name: meetings_availabilitysettings meetings_availabilitysettings_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meetings_availabilitysettings
    ADD CONSTRAINT meetings_availabilitysettings_pkey PRIMARY KEY (id);


--
-- Name: meetings_availabilityslot meetings_availabilityslot_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meetings_availabilityslot
    ADD CONSTRAINT meetings_availabilityslot_pkey PRIMARY KEY (id);


--
-- Name: meetings_availabilitywindow meetings_availabilitywindow_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meetings_availabilitywindow
    ADD CONSTRAINT meetings_availabilitywindow_pkey PRIMARY KEY (id);


--
-- Name: meetings_meeting meetings_meeting_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meetings_meeting
    ADD CONSTRAINT meetings_meeting_pkey PRIMARY KEY (id);


--
-- Name: meetings_meeting_products meetings_meeting_products_meeting_id_product_id_579b6ff9_uniq; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meetings_meeting_products
    ADD CONSTRAINT meetings_meeting_products_meeting_id_product_id_579b6ff9_uniq UNIQUE (meeting_id, product_id);


--
-- Name: meetings_meeting_products meetings_meeting_products_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meetings_meeting_products
    ADD CONSTRAINT meetings_meeting_products_pkey PRIMARY KEY (id);


--
-- Name: meetings_meeting meetings_meeting_public_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meetings_meeting
    ADD CONSTRAINT meetings_meeting_public_id_key UNIQUE (public_id);


--
-- Name: meetings_meetingevent meetings_meetingevent_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meetings_meetingevent
    ADD CONSTRAINT meetings_meetingevent_pkey PRIMARY KEY (id);


--
-- Name: meetings_message meetings_message_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meetings_message
    ADD CONSTRAINT meetings_message_pkey PRIMARY KEY (id);


--
-- Name: meetings_outcome meetings_outcome_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meetings_outcome
    ADD CONSTRAINT meetings_outcome_pkey PRIMARY KEY (id);


--
-- Name: meetings_reminder meetings_reminder_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meetings_reminder
    ADD CONSTRAINT meetings_reminder_pkey PRIMARY KEY (id);


--
-- Name: programs_programbuyer membership_unique; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.programs_programbuyer
    ADD CONSTRAINT membership_unique UNIQUE (program_id, user_id);


--
-- Name: mfa_authenticator mfa_authenticator_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mfa_authenticator
    ADD CONSTRAINT mfa_authenticator_pkey PRIMARY KEY (id);


--
-- Name: notifications_email notifications_email_key_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.notifications_email
    ADD CONSTRAINT notifications_email_key_key UNIQUE (key);


--
-- Name: notifications_email notifications_email_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.notifications_email
    ADD CONSTRAINT notifications_email_pkey PRIMARY KEY (id);


--
-- Name: meetings_outcome outcome_once_per_side; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meetings_outcome
    ADD CONSTRAINT outcome_once_per_side UNIQUE (meeting_id, user_id);


--
-- Name: matchmaking_planitem plan_item_pair_once; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.matchmaking_planitem
    ADD CONSTRAINT plan_item_pair_once UNIQUE (plan_id, artisan_id, buyer_user_id);


--
-- Name: matchmaking_preference preference_unique; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.matchmaking_preference
    ADD CONSTRAINT preference_unique UNIQUE (program_id, buyer_user_id, artisan_id, side);


--
-- Name: privacy_privacysettings privacy_privacysettings_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.privacy_privacysettings
    ADD CONSTRAINT privacy_privacysettings_pkey PRIMARY KEY (id);


--
-- Name: programs_application programs_application_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.programs_application
    ADD CONSTRAINT programs_application_pkey PRIMARY KEY (id);


--
-- Name: programs_application programs_application_token_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.programs_application
    ADD CONSTRAINT programs_application_token_key UNIQUE (token);


--
-- Name: programs_buyerinvitation programs_buyerinvitation_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.programs_buyerinvitation
    ADD CONSTRAINT programs_buyerinvitation_pkey PRIMARY KEY (id);


--
-- Name: programs_buyerinvitation programs_buyerinvitation_token_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.programs_buyerinvitation
    ADD CONSTRAINT programs_buyerinvitation_token_key UNIQUE (token);


--
-- Name: programs_joinrequest programs_joinrequest_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.programs_joinrequest
    ADD CONSTRAINT programs_joinrequest_pkey PRIMARY KEY (id);


--
-- Name: programs_program programs_program_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.programs_program
    ADD CONSTRAINT programs_program_pkey PRIMARY KEY (id);


--
-- Name: programs_program programs_program_public_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.programs_program
    ADD CONSTRAINT programs_program_public_id_key UNIQUE (public_id);


--
-- Name: programs_program programs_program_slug_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.programs_program
    ADD CONSTRAINT programs_program_slug_key UNIQUE (slug);


--
-- Name: programs_programbuyer programs_programbuyer_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.programs_programbuyer
    ADD CONSTRAINT programs_programbuyer_pkey PRIMARY KEY (id);


--
-- Name: matchmaking_recommendation recommendation_unique; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.matchmaking_recommendation
    ADD CONSTRAINT recommendation_unique UNIQUE (program_id, buyer_user_id, artisan_id);


--
-- Name: meetings_reminder reminder_once; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meetings_reminder
    ADD CONSTRAINT reminder_once UNIQUE (meeting_id, user_id, kind, sequence);


--
-- Name: account_emailaddress_email_03be32b2; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX account_emailaddress_email_03be32b2 ON public.account_emailaddress USING btree (email);


--
-- Name: account_emailaddress_email_03be32b2_like; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX account_emailaddress_email_03be32b2_like ON public.account_emailaddress USING btree (email varchar_pattern_ops);


--
-- Name: account_emailaddress_user_id_2c513194; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX account_emailaddress_user_id_2c513194 ON public.account_emailaddress USING btree (user_id);


--
-- Name: account_emailconfirmation_email_address_id_5b7f8c58; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX account_emailconfirmation_email_address_id_5b7f8c58 ON public.account_emailconfirmation USING btree (email_address_id);


--
-- Name: account_emailconfirmation_key_f43612bd_like; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX account_emailconfirmation_key_f43612bd_like ON public.account_emailconfirmation USING btree (key varchar_pattern_ops);


--
-- Name: accounts_staffenrolment_issued_by_id_45eda1ac; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX accounts_staffenrolment_issued_by_id_45eda1ac ON public.accounts_staffenrolment USING btree (issued_by_id);


--
-- Name: accounts_staffenrolment_token_hash_69a96c71_like; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX accounts_staffenrolment_token_hash_69a96c71_like ON public.accounts_staffenrolment USING btree (token_hash varchar_pattern_ops);


--
-- Name: accounts_staffenrolment_user_id_2d95feb9; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX accounts_staffenrolment_user_id_2d95feb9 ON public.accounts_staffenrolment USING btree (user_id);


--
-- Name: accounts_user_email_b2644a56_like; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX accounts_user_email_b2644a56_like ON public.accounts_user USING btree (email varchar_pattern_ops);


--
-- Name: accounts_user_groups_group_id_bd11a704; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX accounts_user_groups_group_id_bd11a704 ON public.accounts_user_groups USING btree (group_id);


--
-- Name: accounts_user_groups_user_id_52b62117; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX accounts_user_groups_user_id_52b62117 ON public.accounts_user_groups USING btree (user_id);


--
-- Name: accounts_user_user_permissions_permission_id_113bb443; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX accounts_user_user_permissions_permission_id_113bb443 ON public.accounts_user_user_permissions USING btree (permission_id);


--
-- Name: accounts_user_user_permissions_user_id_e4f0a161; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX accounts_user_user_permissions_user_id_e4f0a161 ON public.accounts_user_user_permissions USING btree (user_id);


--
-- Name: application_unique_email; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX application_unique_email ON public.programs_application USING btree (program_id, email) WHERE (NOT ((email)::text = ''::text));


--
-- Name: artisan_approved_name; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX artisan_approved_name ON public.artisans_artisanprofile USING btree (business_name, id) WHERE ((status)::text = 'approved'::text);


--
-- Name: artisan_search_gin; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX artisan_search_gin ON public.artisans_artisanprofile USING gin (search_vector);


--
-- Name: artisan_search_missing; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX artisan_search_missing ON public.artisans_artisanprofile USING btree (id) WHERE (search_vector IS NULL);


--
-- Name: artisan_status_country; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX artisan_status_country ON public.artisans_artisanprofile USING btree (status, country);


--
-- Name: artisans_artisanprofile_crafts_artisanprofile_id_9149c53f; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX artisans_artisanprofile_crafts_artisanprofile_id_9149c53f ON public.artisans_artisanprofile_crafts USING btree (artisanprofile_id);


--
-- Name: artisans_artisanprofile_crafts_craft_id_48c5840b; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX artisans_artisanprofile_crafts_craft_id_48c5840b ON public.artisans_artisanprofile_crafts USING btree (craft_id);


--
-- Name: artisans_artisanprofile_reviewed_by_id_230ee48b; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX artisans_artisanprofile_reviewed_by_id_230ee48b ON public.artisans_artisanprofile USING btree (reviewed_by_id);


--
-- Name: artisans_artisanprofile_slug_1c3f1a44_like; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX artisans_artisanprofile_slug_1c3f1a44_like ON public.artisans_artisanprofile USING btree (slug varchar_pattern_ops);


--
-- Name: artisans_artisanprofile_status_381d7f3b; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX artisans_artisanprofile_status_381d7f3b ON public.artisans_artisanprofile USING btree (status);


--
-- Name: artisans_artisanprofile_status_381d7f3b_like; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX artisans_artisanprofile_status_381d7f3b_like ON public.artisans_artisanprofile USING btree (status varchar_pattern_ops);


--
-- Name: artisans_workshopphoto_artisan_id_d86e48ed; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX artisans_workshopphoto_artisan_id_d86e48ed ON public.artisans_workshopphoto USING btree (artisan_id);


--
-- Name: auth_group_name_a6ea08ec_like; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX auth_group_name_a6ea08ec_like ON public.auth_group USING btree (name varchar_pattern_ops);


--
-- Name: auth_group_permissions_group_id_b120cbf9; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX auth_group_permissions_group_id_b120cbf9 ON public.auth_group_permissions USING btree (group_id);


--
-- Name: auth_group_permissions_permission_id_84c5c92e; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX auth_group_permissions_permission_id_84c5c92e ON public.auth_group_permissions USING btree (permission_id);


--
-- Name: auth_permission_content_type_id_2f476e4b; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX auth_permission_content_type_id_2f476e4b ON public.auth_permission USING btree (content_type_id);


--
-- Name: buyers_buyerprofile_crafts_of_interest_buyerprofile_id_1ca6c421; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX buyers_buyerprofile_crafts_of_interest_buyerprofile_id_1ca6c421 ON public.buyers_buyerprofile_crafts_of_interest USING btree (buyerprofile_id);


--
-- Name: buyers_buyerprofile_crafts_of_interest_craft_id_78bec9d5; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX buyers_buyerprofile_crafts_of_interest_craft_id_78bec9d5 ON public.buyers_buyerprofile_crafts_of_interest USING btree (craft_id);


--
-- Name: buyers_buyerprofile_verified_by_id_409f4a9f; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX buyers_buyerprofile_verified_by_id_409f4a9f ON public.buyers_buyerprofile USING btree (verified_by_id);


--
-- Name: buyers_shortlistitem_artisan_id_62351fae; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX buyers_shortlistitem_artisan_id_62351fae ON public.buyers_shortlistitem USING btree (artisan_id);


--
-- Name: buyers_shortlistitem_buyer_id_6449374b; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX buyers_shortlistitem_buyer_id_6449374b ON public.buyers_shortlistitem USING btree (buyer_id);


--
-- Name: buyers_shortlistitem_product_id_b247dceb; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX buyers_shortlistitem_product_id_b247dceb ON public.buyers_shortlistitem USING btree (product_id);


--
-- Name: catalog_change_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX catalog_change_at ON public.catalog_catalogchange USING btree (changed_at);


--
-- Name: catalog_change_txid; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX catalog_change_txid ON public.catalog_catalogchange USING btree (txid);


--
-- Name: catalog_craft_slug_8d15ab9f_like; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX catalog_craft_slug_8d15ab9f_like ON public.catalog_craft USING btree (slug varchar_pattern_ops);


--
-- Name: catalog_exchangerate_currency_c8c43f8d_like; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX catalog_exchangerate_currency_c8c43f8d_like ON public.catalog_exchangerate USING btree (currency varchar_pattern_ops);


--
-- Name: catalog_product_artisan_id_833a10b7; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX catalog_product_artisan_id_833a10b7 ON public.catalog_product USING btree (artisan_id);


--
-- Name: catalog_product_craft_id_9fbbe8a3; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX catalog_product_craft_id_9fbbe8a3 ON public.catalog_product USING btree (craft_id);


--
-- Name: catalog_productphoto_product_id_0eceea52; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX catalog_productphoto_product_id_0eceea52 ON public.catalog_productphoto USING btree (product_id);


--
-- Name: django_admin_log_content_type_id_c4bce8eb; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX django_admin_log_content_type_id_c4bce8eb ON public.django_admin_log USING btree (content_type_id);


--
-- Name: django_admin_log_user_id_c564eba6; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX django_admin_log_user_id_c564eba6 ON public.django_admin_log USING btree (user_id);


--
-- Name: django_session_expire_date_a5c62663; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX django_session_expire_date_a5c62663 ON public.django_session USING btree (expire_date);


--
-- Name: django_session_session_key_c0390e0f_like; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX django_session_session_key_c0390e0f_like ON public.django_session USING btree (session_key varchar_pattern_ops);


--
-- Name: matchmaking_interpreter_program_id_33c8be2e; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX matchmaking_interpreter_program_id_33c8be2e ON public.matchmaking_interpreter USING btree (program_id);


--
-- Name: matchmaking_interpreteravailability_interpreter_id_6822271d; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX matchmaking_interpreteravailability_interpreter_id_6822271d ON public.matchmaking_interpreteravailability USING btree (interpreter_id);


--
-- Name: matchmaking_planitem_artisan_id_854c141f; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX matchmaking_planitem_artisan_id_854c141f ON public.matchmaking_planitem USING btree (artisan_id);


--
-- Name: matchmaking_planitem_buyer_user_id_d10271a8; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX matchmaking_planitem_buyer_user_id_d10271a8 ON public.matchmaking_planitem USING btree (buyer_user_id);


--
-- Name: matchmaking_planitem_interpreter_id_4b5898cd; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX matchmaking_planitem_interpreter_id_4b5898cd ON public.matchmaking_planitem USING btree (interpreter_id);


--
-- Name: matchmaking_planitem_meeting_id_7afbeaba; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX matchmaking_planitem_meeting_id_7afbeaba ON public.matchmaking_planitem USING btree (meeting_id);


--
-- Name: matchmaking_planitem_plan_id_9a2bd126; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX matchmaking_planitem_plan_id_9a2bd126 ON public.matchmaking_planitem USING btree (plan_id);


--
-- Name: matchmaking_preference_artisan_id_d9c74054; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX matchmaking_preference_artisan_id_d9c74054 ON public.matchmaking_preference USING btree (artisan_id);


--
-- Name: matchmaking_preference_buyer_user_id_4514aeaa; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX matchmaking_preference_buyer_user_id_4514aeaa ON public.matchmaking_preference USING btree (buyer_user_id);


--
-- Name: matchmaking_preference_program_id_a5dd65e1; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX matchmaking_preference_program_id_a5dd65e1 ON public.matchmaking_preference USING btree (program_id);


--
-- Name: matchmaking_recommendation_artisan_id_308c655e; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX matchmaking_recommendation_artisan_id_308c655e ON public.matchmaking_recommendation USING btree (artisan_id);


--
-- Name: matchmaking_recommendation_buyer_user_id_593844e7; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX matchmaking_recommendation_buyer_user_id_593844e7 ON public.matchmaking_recommendation USING btree (buyer_user_id);


--
-- Name: matchmaking_recommendation_program_id_4a60dba2; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX matchmaking_recommendation_program_id_4a60dba2 ON public.matchmaking_recommendation USING btree (program_id);


--
-- Name: matchmaking_scheduleplan_created_by_id_46c5b6d1; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX matchmaking_scheduleplan_created_by_id_46c5b6d1 ON public.matchmaking_scheduleplan USING btree (created_by_id);


--
-- Name: matchmaking_scheduleplan_published_by_id_7c2ce196; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX matchmaking_scheduleplan_published_by_id_7c2ce196 ON public.matchmaking_scheduleplan USING btree (published_by_id);


--
-- Name: matchmaking_scheduleplan_session_id_c576d9d2; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX matchmaking_scheduleplan_session_id_c576d9d2 ON public.matchmaking_scheduleplan USING btree (session_id);


--
-- Name: matchmaking_session_program_id_a2f9c4a9; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX matchmaking_session_program_id_a2f9c4a9 ON public.matchmaking_session USING btree (program_id);


--
-- Name: meeting_artisan_status; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX meeting_artisan_status ON public.meetings_meeting USING btree (artisan_user_id, status);


--
-- Name: meeting_buyer_status; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX meeting_buyer_status ON public.meetings_meeting USING btree (buyer_user_id, status);


--
-- Name: meeting_calendar_due; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX meeting_calendar_due ON public.meetings_meeting USING btree (calendar_due_since) WHERE (NOT ((calendar_due)::text = ''::text));


--
-- Name: meeting_status_start; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX meeting_status_start ON public.meetings_meeting USING btree (status, start_at);


--
-- Name: meetings_availabilityexception_artisan_id_6ca068e7; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX meetings_availabilityexception_artisan_id_6ca068e7 ON public.meetings_availabilityexception USING btree (artisan_id);


--
-- Name: meetings_availabilityslot_artisan_id_5ed95bf6; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX meetings_availabilityslot_artisan_id_5ed95bf6 ON public.meetings_availabilityslot USING btree (artisan_id);


--
-- Name: meetings_availabilitywindow_artisan_id_c9004c2d; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX meetings_availabilitywindow_artisan_id_c9004c2d ON public.meetings_availabilitywindow USING btree (artisan_id);


--
-- Name: meetings_meeting_artisan_id_d6ef3dd3; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX meetings_meeting_artisan_id_d6ef3dd3 ON public.meetings_meeting USING btree (artisan_id);


--
-- Name: meetings_meeting_artisan_user_id_e866cf93; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX meetings_meeting_artisan_user_id_e866cf93 ON public.meetings_meeting USING btree (artisan_user_id);


--
-- Name: meetings_meeting_buyer_id_15636b37; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX meetings_meeting_buyer_id_15636b37 ON public.meetings_meeting USING btree (buyer_id);


--
-- Name: meetings_meeting_buyer_user_id_fddcb09f; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX meetings_meeting_buyer_user_id_fddcb09f ON public.meetings_meeting USING btree (buyer_user_id);


--
-- Name: meetings_meeting_cancelled_by_id_9564175c; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX meetings_meeting_cancelled_by_id_9564175c ON public.meetings_meeting USING btree (cancelled_by_id);


--
-- Name: meetings_meeting_products_meeting_id_da54ebed; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX meetings_meeting_products_meeting_id_da54ebed ON public.meetings_meeting_products USING btree (meeting_id);


--
-- Name: meetings_meeting_products_product_id_63301b92; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX meetings_meeting_products_product_id_63301b92 ON public.meetings_meeting_products USING btree (product_id);


--
-- Name: meetings_meeting_program_id_47721177; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX meetings_meeting_program_id_47721177 ON public.meetings_meeting USING btree (program_id);


--
-- Name: meetings_meeting_proposed_by_id_a6b0d3bf; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX meetings_meeting_proposed_by_id_a6b0d3bf ON public.meetings_meeting USING btree (proposed_by_id);


--
-- Name: meetings_meeting_status_3ab7d950; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX meetings_meeting_status_3ab7d950 ON public.meetings_meeting USING btree (status);


--
-- Name: meetings_meeting_status_3ab7d950_like; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX meetings_meeting_status_3ab7d950_like ON public.meetings_meeting USING btree (status varchar_pattern_ops);


--
-- Name: meetings_meetingevent_actor_id_8fa1d7d0; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX meetings_meetingevent_actor_id_8fa1d7d0 ON public.meetings_meetingevent USING btree (actor_id);


--
-- Name: meetings_meetingevent_meeting_id_a2c962bb; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX meetings_meetingevent_meeting_id_a2c962bb ON public.meetings_meetingevent USING btree (meeting_id);


--
-- Name: meetings_message_author_id_7a0146ac; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX meetings_message_author_id_7a0146ac ON public.meetings_message USING btree (author_id);


--
-- Name: meetings_message_meeting_id_20a1fc9f; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX meetings_message_meeting_id_20a1fc9f ON public.meetings_message USING btree (meeting_id);


--
-- Name: meetings_outcome_meeting_id_9febdff7; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX meetings_outcome_meeting_id_9febdff7 ON public.meetings_outcome USING btree (meeting_id);


--
-- Name: meetings_outcome_user_id_06b59be5; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX meetings_outcome_user_id_06b59be5 ON public.meetings_outcome USING btree (user_id);


--
-- Name: meetings_reminder_email_id_be2d5a95; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX meetings_reminder_email_id_be2d5a95 ON public.meetings_reminder USING btree (email_id);


--
-- Name: meetings_reminder_meeting_id_3163f46f; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX meetings_reminder_meeting_id_3163f46f ON public.meetings_reminder USING btree (meeting_id);


--
-- Name: meetings_reminder_user_id_14349cd2; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX meetings_reminder_user_id_14349cd2 ON public.meetings_reminder USING btree (user_id);


--
-- Name: mfa_authenticator_user_id_0c3a50c0; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX mfa_authenticator_user_id_0c3a50c0 ON public.mfa_authenticator USING btree (user_id);


--
-- Name: notifications_email_key_105cd12d_like; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX notifications_email_key_105cd12d_like ON public.notifications_email USING btree (key varchar_pattern_ops);


--
-- Name: notifications_email_status_cce5c190; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX notifications_email_status_cce5c190 ON public.notifications_email USING btree (status);


--
-- Name: notifications_email_status_cce5c190_like; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX notifications_email_status_cce5c190_like ON public.notifications_email USING btree (status varchar_pattern_ops);


--
-- Name: product_artisan_status; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX product_artisan_status ON public.catalog_product USING btree (artisan_id, status);


--
-- Name: product_index_cover; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX product_index_cover ON public.catalog_product USING btree (id) INCLUDE (artisan_id, craft_id, materials, wholesale_price_usd, min_order_qty, lead_time_days, created_at) WHERE ((status)::text = 'published'::text);


--
-- Name: product_materials_gin; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX product_materials_gin ON public.catalog_product USING gin (materials);


--
-- Name: product_pub_lead; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX product_pub_lead ON public.catalog_product USING btree (lead_time_days, id) WHERE ((status)::text = 'published'::text);


--
-- Name: product_pub_moq; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX product_pub_moq ON public.catalog_product USING btree (min_order_qty, id) WHERE ((status)::text = 'published'::text);


--
-- Name: product_pub_newest; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX product_pub_newest ON public.catalog_product USING btree (created_at DESC, id DESC) WHERE ((status)::text = 'published'::text);


--
-- Name: product_pub_price; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX product_pub_price ON public.catalog_product USING btree (wholesale_price_usd, id) WHERE ((status)::text = 'published'::text);


--
-- Name: product_search_gin; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX product_search_gin ON public.catalog_product USING gin (search_vector);


--
-- Name: product_search_missing; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX product_search_missing ON public.catalog_product USING btree (id) WHERE (search_vector IS NULL);


--
-- Name: product_status_craft; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX product_status_craft ON public.catalog_product USING btree (status, craft_id);


--
-- Name: programs_application_artisan_id_a3717894; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX programs_application_artisan_id_a3717894 ON public.programs_application USING btree (artisan_id);


--
-- Name: programs_application_decided_by_id_a021f32c; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX programs_application_decided_by_id_a021f32c ON public.programs_application USING btree (decided_by_id);


--
-- Name: programs_application_program_id_1aa08889; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX programs_application_program_id_1aa08889 ON public.programs_application USING btree (program_id);


--
-- Name: programs_application_status_7d3be51f; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX programs_application_status_7d3be51f ON public.programs_application USING btree (status);


--
-- Name: programs_application_status_7d3be51f_like; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX programs_application_status_7d3be51f_like ON public.programs_application USING btree (status varchar_pattern_ops);


--
-- Name: programs_application_token_1e32c007_like; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX programs_application_token_1e32c007_like ON public.programs_application USING btree (token varchar_pattern_ops);


--
-- Name: programs_buyerinvitation_invited_by_id_74f8c49c; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX programs_buyerinvitation_invited_by_id_74f8c49c ON public.programs_buyerinvitation USING btree (invited_by_id);


--
-- Name: programs_buyerinvitation_outbox_id_22f1891f; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX programs_buyerinvitation_outbox_id_22f1891f ON public.programs_buyerinvitation USING btree (outbox_id);


--
-- Name: programs_buyerinvitation_program_id_99c62472; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX programs_buyerinvitation_program_id_99c62472 ON public.programs_buyerinvitation USING btree (program_id);


--
-- Name: programs_buyerinvitation_token_56b8db37_like; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX programs_buyerinvitation_token_56b8db37_like ON public.programs_buyerinvitation USING btree (token varchar_pattern_ops);


--
-- Name: programs_buyerinvitation_user_id_0f10c73b; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX programs_buyerinvitation_user_id_0f10c73b ON public.programs_buyerinvitation USING btree (user_id);


--
-- Name: programs_joinrequest_decided_by_id_074e3f9e; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX programs_joinrequest_decided_by_id_074e3f9e ON public.programs_joinrequest USING btree (decided_by_id);


--
-- Name: programs_joinrequest_invitation_id_9f878f74; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX programs_joinrequest_invitation_id_9f878f74 ON public.programs_joinrequest USING btree (invitation_id);


--
-- Name: programs_joinrequest_status_3ffd1799; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX programs_joinrequest_status_3ffd1799 ON public.programs_joinrequest USING btree (status);


--
-- Name: programs_joinrequest_status_3ffd1799_like; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX programs_joinrequest_status_3ffd1799_like ON public.programs_joinrequest USING btree (status varchar_pattern_ops);


--
-- Name: programs_joinrequest_user_id_8634cd4b; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX programs_joinrequest_user_id_8634cd4b ON public.programs_joinrequest USING btree (user_id);


--
-- Name: programs_program_slug_964f1558_like; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX programs_program_slug_964f1558_like ON public.programs_program USING btree (slug varchar_pattern_ops);


--
-- Name: programs_program_status_12d6a754; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX programs_program_status_12d6a754 ON public.programs_program USING btree (status);


--
-- Name: programs_program_status_12d6a754_like; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX programs_program_status_12d6a754_like ON public.programs_program USING btree (status varchar_pattern_ops);


--
-- Name: programs_programbuyer_program_id_ee61a908; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX programs_programbuyer_program_id_ee61a908 ON public.programs_programbuyer USING btree (program_id);


--
-- Name: programs_programbuyer_user_id_eee10d33; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX programs_programbuyer_user_id_eee10d33 ON public.programs_programbuyer USING btree (user_id);


--
-- Name: recommendation_artisan_score; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX recommendation_artisan_score ON public.matchmaking_recommendation USING btree (artisan_id, score DESC);


--
-- Name: recommendation_buyer_score; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX recommendation_buyer_score ON public.matchmaking_recommendation USING btree (buyer_user_id, score DESC);


--
-- Name: shortlist_unique_artisan; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX shortlist_unique_artisan ON public.buyers_shortlistitem USING btree (buyer_id, artisan_id) WHERE (artisan_id IS NOT NULL);


--
-- Name: shortlist_unique_product; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX shortlist_unique_product ON public.buyers_shortlistitem USING btree (buyer_id, product_id) WHERE (product_id IS NOT NULL);


--
-- Name: unique_authenticator_type; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX unique_authenticator_type ON public.mfa_authenticator USING btree (user_id, type) WHERE ((type)::text = ANY ((ARRAY['totp'::character varying, 'recovery_codes'::character varying])::text[]));


--
-- Name: unique_primary_email; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX unique_primary_email ON public.account_emailaddress USING btree (user_id, "primary") WHERE "primary";


--
-- Name: unique_verified_email; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX unique_verified_email ON public.account_emailaddress USING btree (email) WHERE verified;


--
-- Name: artisans_artisanprofile catalog_derive; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER catalog_derive BEFORE INSERT OR UPDATE ON public.artisans_artisanprofile FOR EACH ROW EXECUTE FUNCTION public.catalog_artisan_derive();


--
-- Name: catalog_craft catalog_derive; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER catalog_derive AFTER UPDATE ON public.catalog_craft FOR EACH ROW WHEN ((((((new.name_en)::text IS DISTINCT FROM (old.name_en)::text) OR ((new.name_fr)::text IS DISTINCT FROM (old.name_fr)::text)) OR ((new.name_es)::text IS DISTINCT FROM (old.name_es)::text)) OR ((new.name_ar)::text IS DISTINCT FROM (old.name_ar)::text))) EXECUTE FUNCTION public.catalog_craft_derive();


--
-- Name: catalog_exchangerate catalog_derive; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER catalog_derive AFTER UPDATE ON public.catalog_exchangerate FOR EACH ROW WHEN ((new.usd_per_unit IS DISTINCT FROM old.usd_per_unit)) EXECUTE FUNCTION public.catalog_rate_derive();


--
-- Name: catalog_product catalog_derive; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER catalog_derive BEFORE INSERT OR UPDATE ON public.catalog_product FOR EACH ROW EXECUTE FUNCTION public.catalog_product_derive();


--
-- Name: artisans_artisanprofile_crafts catalog_derive_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER catalog_derive_delete AFTER DELETE ON public.artisans_artisanprofile_crafts REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION public.catalog_artisan_crafts_derive();


--
-- Name: artisans_artisanprofile_crafts catalog_derive_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER catalog_derive_insert AFTER INSERT ON public.artisans_artisanprofile_crafts REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION public.catalog_artisan_crafts_derive();


--
-- Name: artisans_artisanprofile catalog_log_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER catalog_log_delete AFTER DELETE ON public.artisans_artisanprofile REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION public.catalog_change_rows('artisan_id', 'id');


--
-- Name: artisans_artisanprofile_crafts catalog_log_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER catalog_log_delete AFTER DELETE ON public.artisans_artisanprofile_crafts REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION public.catalog_change_rows('artisan_id', 'artisanprofile_id');


--
-- Name: catalog_product catalog_log_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER catalog_log_delete AFTER DELETE ON public.catalog_product REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION public.catalog_change_rows('product_id', 'id');


--
-- Name: artisans_artisanprofile catalog_log_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER catalog_log_insert AFTER INSERT ON public.artisans_artisanprofile REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION public.catalog_change_rows('artisan_id', 'id');


--
-- Name: artisans_artisanprofile_crafts catalog_log_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER catalog_log_insert AFTER INSERT ON public.artisans_artisanprofile_crafts REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION public.catalog_change_rows('artisan_id', 'artisanprofile_id');


--
-- Name: catalog_product catalog_log_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER catalog_log_insert AFTER INSERT ON public.catalog_product REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION public.catalog_change_rows('product_id', 'id');


--
-- Name: artisans_artisanprofile catalog_log_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER catalog_log_truncate AFTER TRUNCATE ON public.artisans_artisanprofile FOR EACH STATEMENT EXECUTE FUNCTION public.catalog_change_reset();


--
-- Name: artisans_artisanprofile_crafts catalog_log_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER catalog_log_truncate AFTER TRUNCATE ON public.artisans_artisanprofile_crafts FOR EACH STATEMENT EXECUTE FUNCTION public.catalog_change_reset();


--
-- Name: catalog_product catalog_log_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER catalog_log_truncate AFTER TRUNCATE ON public.catalog_product FOR EACH STATEMENT EXECUTE FUNCTION public.catalog_change_reset();


--
-- Name: artisans_artisanprofile catalog_log_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER catalog_log_update AFTER UPDATE ON public.artisans_artisanprofile REFERENCING OLD TABLE AS old_rows NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION public.catalog_change_rows('artisan_id', 'id');


--
-- Name: artisans_artisanprofile_crafts catalog_log_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER catalog_log_update AFTER UPDATE ON public.artisans_artisanprofile_crafts REFERENCING OLD TABLE AS old_rows NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION public.catalog_change_rows('artisan_id', 'artisanprofile_id');


--
-- Name: catalog_product catalog_log_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER catalog_log_update AFTER UPDATE ON public.catalog_product REFERENCING OLD TABLE AS old_rows NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION public.catalog_change_rows('product_id', 'id');


--
-- Name: account_emailaddress account_emailaddress_user_id_2c513194_fk_accounts_user_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.account_emailaddress
    ADD CONSTRAINT account_emailaddress_user_id_2c513194_fk_accounts_user_id FOREIGN KEY (user_id) REFERENCES public.accounts_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: account_emailconfirmation account_emailconfirm_email_address_id_5b7f8c58_fk_account_e; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.account_emailconfirmation
    ADD CONSTRAINT account_emailconfirm_email_address_id_5b7f8c58_fk_account_e FOREIGN KEY (email_address_id) REFERENCES public.account_emailaddress(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: accounts_staffenrolment accounts_staffenrolm_issued_by_id_45eda1ac_fk_accounts_; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.accounts_staffenrolment
    ADD CONSTRAINT accounts_staffenrolm_issued_by_id_45eda1ac_fk_accounts_ FOREIGN KEY (issued_by_id) REFERENCES public.accounts_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: accounts_staffenrolment accounts_staffenrolment_user_id_2d95feb9_fk_accounts_user_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.accounts_staffenrolment
    ADD CONSTRAINT accounts_staffenrolment_user_id_2d95feb9_fk_accounts_user_id FOREIGN KEY (user_id) REFERENCES public.accounts_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: accounts_user_groups accounts_user_groups_group_id_bd11a704_fk_auth_group_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.accounts_user_groups
    ADD CONSTRAINT accounts_user_groups_group_id_bd11a704_fk_auth_group_id FOREIGN KEY (group_id) REFERENCES public.auth_group(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: accounts_user_groups accounts_user_groups_user_id_52b62117_fk_accounts_user_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.accounts_user_groups
    ADD CONSTRAINT accounts_user_groups_user_id_52b62117_fk_accounts_user_id FOREIGN KEY (user_id) REFERENCES public.accounts_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: accounts_user_user_permissions accounts_user_user_p_permission_id_113bb443_fk_auth_perm; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.accounts_user_user_permissions
    ADD CONSTRAINT accounts_user_user_p_permission_id_113bb443_fk_auth_perm FOREIGN KEY (permission_id) REFERENCES public.auth_permission(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: accounts_user_user_permissions accounts_user_user_p_user_id_e4f0a161_fk_accounts_; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.accounts_user_user_permissions
    ADD CONSTRAINT accounts_user_user_p_user_id_e4f0a161_fk_accounts_ FOREIGN KEY (user_id) REFERENCES public.accounts_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: artisans_artisanprofile_crafts artisans_artisanprof_artisanprofile_id_9149c53f_fk_artisans_; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.artisans_artisanprofile_crafts
    ADD CONSTRAINT artisans_artisanprof_artisanprofile_id_9149c53f_fk_artisans_ FOREIGN KEY (artisanprofile_id) REFERENCES public.artisans_artisanprofile(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: artisans_artisanprofile_crafts artisans_artisanprof_craft_id_48c5840b_fk_catalog_c; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.artisans_artisanprofile_crafts
    ADD CONSTRAINT artisans_artisanprof_craft_id_48c5840b_fk_catalog_c FOREIGN KEY (craft_id) REFERENCES public.catalog_craft(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: artisans_artisanprofile artisans_artisanprof_reviewed_by_id_230ee48b_fk_accounts_; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.artisans_artisanprofile
    ADD CONSTRAINT artisans_artisanprof_reviewed_by_id_230ee48b_fk_accounts_ FOREIGN KEY (reviewed_by_id) REFERENCES public.accounts_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: artisans_artisanprofile artisans_artisanprofile_user_id_556cd0be_fk_accounts_user_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.artisans_artisanprofile
    ADD CONSTRAINT artisans_artisanprofile_user_id_556cd0be_fk_accounts_user_id FOREIGN KEY (user_id) REFERENCES public.accounts_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: artisans_workshopphoto artisans_workshoppho_artisan_id_d86e48ed_fk_artisans_; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.artisans_workshopphoto
    ADD CONSTRAINT artisans_workshoppho_artisan_id_d86e48ed_fk_artisans_ FOREIGN KEY (artisan_id) REFERENCES public.artisans_artisanprofile(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: auth_group_permissions auth_group_permissio_permission_id_84c5c92e_fk_auth_perm; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.auth_group_permissions
    ADD CONSTRAINT auth_group_permissio_permission_id_84c5c92e_fk_auth_perm FOREIGN KEY (permission_id) REFERENCES public.auth_permission(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: auth_group_permissions auth_group_permissions_group_id_b120cbf9_fk_auth_group_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.auth_group_permissions
    ADD CONSTRAINT auth_group_permissions_group_id_b120cbf9_fk_auth_group_id FOREIGN KEY (group_id) REFERENCES public.auth_group(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: auth_permission auth_permission_content_type_id_2f476e4b_fk_django_co; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.auth_permission
    ADD CONSTRAINT auth_permission_content_type_id_2f476e4b_fk_django_co FOREIGN KEY (content_type_id) REFERENCES public.django_content_type(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: buyers_buyerprofile_crafts_of_interest buyers_buyerprofile__buyerprofile_id_1ca6c421_fk_buyers_bu; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.buyers_buyerprofile_crafts_of_interest
    ADD CONSTRAINT buyers_buyerprofile__buyerprofile_id_1ca6c421_fk_buyers_bu FOREIGN KEY (buyerprofile_id) REFERENCES public.buyers_buyerprofile(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: buyers_buyerprofile_crafts_of_interest buyers_buyerprofile__craft_id_78bec9d5_fk_catalog_c; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.buyers_buyerprofile_crafts_of_interest
    ADD CONSTRAINT buyers_buyerprofile__craft_id_78bec9d5_fk_catalog_c FOREIGN KEY (craft_id) REFERENCES public.catalog_craft(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: buyers_buyerprofile buyers_buyerprofile_user_id_595a37c8_fk_accounts_user_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.buyers_buyerprofile
    ADD CONSTRAINT buyers_buyerprofile_user_id_595a37c8_fk_accounts_user_id FOREIGN KEY (user_id) REFERENCES public.accounts_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: buyers_buyerprofile buyers_buyerprofile_verified_by_id_409f4a9f_fk_accounts_user_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.buyers_buyerprofile
    ADD CONSTRAINT buyers_buyerprofile_verified_by_id_409f4a9f_fk_accounts_user_id FOREIGN KEY (verified_by_id) REFERENCES public.accounts_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: buyers_shortlistitem buyers_shortlistitem_artisan_id_62351fae_fk_artisans_; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.buyers_shortlistitem
    ADD CONSTRAINT buyers_shortlistitem_artisan_id_62351fae_fk_artisans_ FOREIGN KEY (artisan_id) REFERENCES public.artisans_artisanprofile(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: buyers_shortlistitem buyers_shortlistitem_buyer_id_6449374b_fk_buyers_bu; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.buyers_shortlistitem
    ADD CONSTRAINT buyers_shortlistitem_buyer_id_6449374b_fk_buyers_bu FOREIGN KEY (buyer_id) REFERENCES public.buyers_buyerprofile(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: buyers_shortlistitem buyers_shortlistitem_product_id_b247dceb_fk_catalog_product_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.buyers_shortlistitem
    ADD CONSTRAINT buyers_shortlistitem_product_id_b247dceb_fk_catalog_product_id FOREIGN KEY (product_id) REFERENCES public.catalog_product(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: catalog_product catalog_product_artisan_id_833a10b7_fk_artisans_; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.catalog_product
    ADD CONSTRAINT catalog_product_artisan_id_833a10b7_fk_artisans_ FOREIGN KEY (artisan_id) REFERENCES public.artisans_artisanprofile(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: catalog_product catalog_product_craft_id_9fbbe8a3_fk_catalog_craft_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.catalog_product
    ADD CONSTRAINT catalog_product_craft_id_9fbbe8a3_fk_catalog_craft_id FOREIGN KEY (craft_id) REFERENCES public.catalog_craft(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: catalog_productphoto catalog_productphoto_product_id_0eceea52_fk_catalog_product_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.catalog_productphoto
    ADD CONSTRAINT catalog_productphoto_product_id_0eceea52_fk_catalog_product_id FOREIGN KEY (product_id) REFERENCES public.catalog_product(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: django_admin_log django_admin_log_content_type_id_c4bce8eb_fk_django_co; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.django_admin_log
    ADD CONSTRAINT django_admin_log_content_type_id_c4bce8eb_fk_django_co FOREIGN KEY (content_type_id) REFERENCES public.django_content_type(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: django_admin_log django_admin_log_user_id_c564eba6_fk_accounts_user_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.django_admin_log
    ADD CONSTRAINT django_admin_log_user_id_c564eba6_fk_accounts_user_id FOREIGN KEY (user_id) REFERENCES public.accounts_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: matchmaking_interpreteravailability matchmaking_interpre_interpreter_id_6822271d_fk_matchmaki; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.matchmaking_interpreteravailability
    ADD CONSTRAINT matchmaking_interpre_interpreter_id_6822271d_fk_matchmaki FOREIGN KEY (interpreter_id) REFERENCES public.matchmaking_interpreter(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: matchmaking_interpreter matchmaking_interpre_program_id_33c8be2e_fk_programs_; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.matchmaking_interpreter
    ADD CONSTRAINT matchmaking_interpre_program_id_33c8be2e_fk_programs_ FOREIGN KEY (program_id) REFERENCES public.programs_program(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: matchmaking_planitem matchmaking_planitem_artisan_id_854c141f_fk_artisans_; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.matchmaking_planitem
    ADD CONSTRAINT matchmaking_planitem_artisan_id_854c141f_fk_artisans_ FOREIGN KEY (artisan_id) REFERENCES public.artisans_artisanprofile(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: matchmaking_planitem matchmaking_planitem_buyer_user_id_d10271a8_fk_accounts_user_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.matchmaking_planitem
    ADD CONSTRAINT matchmaking_planitem_buyer_user_id_d10271a8_fk_accounts_user_id FOREIGN KEY (buyer_user_id) REFERENCES public.accounts_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: matchmaking_planitem matchmaking_planitem_interpreter_id_4b5898cd_fk_matchmaki; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.matchmaking_planitem
    ADD CONSTRAINT matchmaking_planitem_interpreter_id_4b5898cd_fk_matchmaki FOREIGN KEY (interpreter_id) REFERENCES public.matchmaking_interpreter(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: matchmaking_planitem matchmaking_planitem_meeting_id_7afbeaba_fk_meetings_meeting_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.matchmaking_planitem
    ADD CONSTRAINT matchmaking_planitem_meeting_id_7afbeaba_fk_meetings_meeting_id FOREIGN KEY (meeting_id) REFERENCES public.meetings_meeting(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: matchmaking_planitem matchmaking_planitem_plan_id_9a2bd126_fk_matchmaki; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.matchmaking_planitem
    ADD CONSTRAINT matchmaking_planitem_plan_id_9a2bd126_fk_matchmaki FOREIGN KEY (plan_id) REFERENCES public.matchmaking_scheduleplan(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: matchmaking_preference matchmaking_preferen_artisan_id_d9c74054_fk_artisans_; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.matchmaking_preference
    ADD CONSTRAINT matchmaking_preferen_artisan_id_d9c74054_fk_artisans_ FOREIGN KEY (artisan_id) REFERENCES public.artisans_artisanprofile(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: matchmaking_preference matchmaking_preferen_buyer_user_id_4514aeaa_fk_accounts_; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.matchmaking_preference
    ADD CONSTRAINT matchmaking_preferen_buyer_user_id_4514aeaa_fk_accounts_ FOREIGN KEY (buyer_user_id) REFERENCES public.accounts_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: matchmaking_preference matchmaking_preferen_program_id_a5dd65e1_fk_programs_; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.matchmaking_preference
    ADD CONSTRAINT matchmaking_preferen_program_id_a5dd65e1_fk_programs_ FOREIGN KEY (program_id) REFERENCES public.programs_program(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: matchmaking_recommendation matchmaking_recommen_artisan_id_308c655e_fk_artisans_; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.matchmaking_recommendation
    ADD CONSTRAINT matchmaking_recommen_artisan_id_308c655e_fk_artisans_ FOREIGN KEY (artisan_id) REFERENCES public.artisans_artisanprofile(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: matchmaking_recommendation matchmaking_recommen_buyer_user_id_593844e7_fk_accounts_; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.matchmaking_recommendation
    ADD CONSTRAINT matchmaking_recommen_buyer_user_id_593844e7_fk_accounts_ FOREIGN KEY (buyer_user_id) REFERENCES public.accounts_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: matchmaking_recommendation matchmaking_recommen_program_id_4a60dba2_fk_programs_; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.matchmaking_recommendation
    ADD CONSTRAINT matchmaking_recommen_program_id_4a60dba2_fk_programs_ FOREIGN KEY (program_id) REFERENCES public.programs_program(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: matchmaking_scheduleplan matchmaking_schedule_created_by_id_46c5b6d1_fk_accounts_; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.matchmaking_scheduleplan
    ADD CONSTRAINT matchmaking_schedule_created_by_id_46c5b6d1_fk_accounts_ FOREIGN KEY (created_by_id) REFERENCES public.accounts_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: matchmaking_scheduleplan matchmaking_schedule_published_by_id_7c2ce196_fk_accounts_; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.matchmaking_scheduleplan
    ADD CONSTRAINT matchmaking_schedule_published_by_id_7c2ce196_fk_accounts_ FOREIGN KEY (published_by_id) REFERENCES public.accounts_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: matchmaking_scheduleplan matchmaking_schedule_session_id_c576d9d2_fk_matchmaki; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.matchmaking_scheduleplan
    ADD CONSTRAINT matchmaking_schedule_session_id_c576d9d2_fk_matchmaki FOREIGN KEY (session_id) REFERENCES public.matchmaking_session(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: matchmaking_scoreweights matchmaking_scorewei_program_id_da1720d7_fk_programs_; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.matchmaking_scoreweights
    ADD CONSTRAINT matchmaking_scorewei_program_id_da1720d7_fk_programs_ FOREIGN KEY (program_id) REFERENCES public.programs_program(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: matchmaking_session matchmaking_session_program_id_a2f9c4a9_fk_programs_program_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.matchmaking_session
    ADD CONSTRAINT matchmaking_session_program_id_a2f9c4a9_fk_programs_program_id FOREIGN KEY (program_id) REFERENCES public.programs_program(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: meetings_availabilityslot meetings_availabilit_artisan_id_5ed95bf6_fk_artisans_; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meetings_availabilityslot
    ADD CONSTRAINT meetings_availabilit_artisan_id_5ed95bf6_fk_artisans_ FOREIGN KEY (artisan_id) REFERENCES public.artisans_artisanprofile(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: meetings_availabilityexception meetings_availabilit_artisan_id_6ca068e7_fk_artisans_; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meetings_availabilityexception
    ADD CONSTRAINT meetings_availabilit_artisan_id_6ca068e7_fk_artisans_ FOREIGN KEY (artisan_id) REFERENCES public.artisans_artisanprofile(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: meetings_availabilitywindow meetings_availabilit_artisan_id_c9004c2d_fk_artisans_; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meetings_availabilitywindow
    ADD CONSTRAINT meetings_availabilit_artisan_id_c9004c2d_fk_artisans_ FOREIGN KEY (artisan_id) REFERENCES public.artisans_artisanprofile(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: meetings_availabilitysettings meetings_availabilit_artisan_id_e204eab2_fk_artisans_; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meetings_availabilitysettings
    ADD CONSTRAINT meetings_availabilit_artisan_id_e204eab2_fk_artisans_ FOREIGN KEY (artisan_id) REFERENCES public.artisans_artisanprofile(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: meetings_meeting meetings_meeting_artisan_id_d6ef3dd3_fk_artisans_; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meetings_meeting
    ADD CONSTRAINT meetings_meeting_artisan_id_d6ef3dd3_fk_artisans_ FOREIGN KEY (artisan_id) REFERENCES public.artisans_artisanprofile(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: meetings_meeting meetings_meeting_artisan_user_id_e866cf93_fk_accounts_user_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meetings_meeting
    ADD CONSTRAINT meetings_meeting_artisan_user_id_e866cf93_fk_accounts_user_id FOREIGN KEY (artisan_user_id) REFERENCES public.accounts_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: meetings_meeting meetings_meeting_buyer_id_15636b37_fk_buyers_buyerprofile_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meetings_meeting
    ADD CONSTRAINT meetings_meeting_buyer_id_15636b37_fk_buyers_buyerprofile_id FOREIGN KEY (buyer_id) REFERENCES public.buyers_buyerprofile(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: meetings_meeting meetings_meeting_buyer_user_id_fddcb09f_fk_accounts_user_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meetings_meeting
    ADD CONSTRAINT meetings_meeting_buyer_user_id_fddcb09f_fk_accounts_user_id FOREIGN KEY (buyer_user_id) REFERENCES public.accounts_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: meetings_meeting meetings_meeting_cancelled_by_id_9564175c_fk_accounts_user_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meetings_meeting
    ADD CONSTRAINT meetings_meeting_cancelled_by_id_9564175c_fk_accounts_user_id FOREIGN KEY (cancelled_by_id) REFERENCES public.accounts_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: meetings_meeting_products meetings_meeting_pro_meeting_id_da54ebed_fk_meetings_; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meetings_meeting_products
    ADD CONSTRAINT meetings_meeting_pro_meeting_id_da54ebed_fk_meetings_ FOREIGN KEY (meeting_id) REFERENCES public.meetings_meeting(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: meetings_meeting_products meetings_meeting_pro_product_id_63301b92_fk_catalog_p; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meetings_meeting_products
    ADD CONSTRAINT meetings_meeting_pro_product_id_63301b92_fk_catalog_p FOREIGN KEY (product_id) REFERENCES public.catalog_product(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: meetings_meeting meetings_meeting_program_id_47721177_fk_programs_program_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meetings_meeting
    ADD CONSTRAINT meetings_meeting_program_id_47721177_fk_programs_program_id FOREIGN KEY (program_id) REFERENCES public.programs_program(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: meetings_meeting meetings_meeting_proposed_by_id_a6b0d3bf_fk_accounts_user_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meetings_meeting
    ADD CONSTRAINT meetings_meeting_proposed_by_id_a6b0d3bf_fk_accounts_user_id FOREIGN KEY (proposed_by_id) REFERENCES public.accounts_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: meetings_meetingevent meetings_meetingeven_meeting_id_a2c962bb_fk_meetings_; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meetings_meetingevent
    ADD CONSTRAINT meetings_meetingeven_meeting_id_a2c962bb_fk_meetings_ FOREIGN KEY (meeting_id) REFERENCES public.meetings_meeting(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: meetings_meetingevent meetings_meetingevent_actor_id_8fa1d7d0_fk_accounts_user_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meetings_meetingevent
    ADD CONSTRAINT meetings_meetingevent_actor_id_8fa1d7d0_fk_accounts_user_id FOREIGN KEY (actor_id) REFERENCES public.accounts_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: meetings_message meetings_message_author_id_7a0146ac_fk_accounts_user_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meetings_message
    ADD CONSTRAINT meetings_message_author_id_7a0146ac_fk_accounts_user_id FOREIGN KEY (author_id) REFERENCES public.accounts_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: meetings_message meetings_message_meeting_id_20a1fc9f_fk_meetings_meeting_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meetings_message
    ADD CONSTRAINT meetings_message_meeting_id_20a1fc9f_fk_meetings_meeting_id FOREIGN KEY (meeting_id) REFERENCES public.meetings_meeting(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: meetings_outcome meetings_outcome_meeting_id_9febdff7_fk_meetings_meeting_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meetings_outcome
    ADD CONSTRAINT meetings_outcome_meeting_id_9febdff7_fk_meetings_meeting_id FOREIGN KEY (meeting_id) REFERENCES public.meetings_meeting(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: meetings_outcome meetings_outcome_user_id_06b59be5_fk_accounts_user_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meetings_outcome
    ADD CONSTRAINT meetings_outcome_user_id_06b59be5_fk_accounts_user_id FOREIGN KEY (user_id) REFERENCES public.accounts_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: meetings_reminder meetings_reminder_email_id_be2d5a95_fk_notifications_email_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meetings_reminder
    ADD CONSTRAINT meetings_reminder_email_id_be2d5a95_fk_notifications_email_id FOREIGN KEY (email_id) REFERENCES public.notifications_email(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: meetings_reminder meetings_reminder_meeting_id_3163f46f_fk_meetings_meeting_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meetings_reminder
    ADD CONSTRAINT meetings_reminder_meeting_id_3163f46f_fk_meetings_meeting_id FOREIGN KEY (meeting_id) REFERENCES public.meetings_meeting(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: meetings_reminder meetings_reminder_user_id_14349cd2_fk_accounts_user_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meetings_reminder
    ADD CONSTRAINT meetings_reminder_user_id_14349cd2_fk_accounts_user_id FOREIGN KEY (user_id) REFERENCES public.accounts_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: mfa_authenticator mfa_authenticator_user_id_0c3a50c0_fk_accounts_user_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mfa_authenticator
    ADD CONSTRAINT mfa_authenticator_user_id_0c3a50c0_fk_accounts_user_id FOREIGN KEY (user_id) REFERENCES public.accounts_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: catalog_product product_currency_has_rate; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.catalog_product
    ADD CONSTRAINT product_currency_has_rate FOREIGN KEY (currency) REFERENCES public.catalog_exchangerate(currency) DEFERRABLE;


--
-- Name: programs_application programs_application_artisan_id_a3717894_fk_artisans_; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.programs_application
    ADD CONSTRAINT programs_application_artisan_id_a3717894_fk_artisans_ FOREIGN KEY (artisan_id) REFERENCES public.artisans_artisanprofile(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: programs_application programs_application_decided_by_id_a021f32c_fk_accounts_user_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.programs_application
    ADD CONSTRAINT programs_application_decided_by_id_a021f32c_fk_accounts_user_id FOREIGN KEY (decided_by_id) REFERENCES public.accounts_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: programs_application programs_application_program_id_1aa08889_fk_programs_program_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.programs_application
    ADD CONSTRAINT programs_application_program_id_1aa08889_fk_programs_program_id FOREIGN KEY (program_id) REFERENCES public.programs_program(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: programs_buyerinvitation programs_buyerinvita_invited_by_id_74f8c49c_fk_accounts_; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.programs_buyerinvitation
    ADD CONSTRAINT programs_buyerinvita_invited_by_id_74f8c49c_fk_accounts_ FOREIGN KEY (invited_by_id) REFERENCES public.accounts_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: programs_buyerinvitation programs_buyerinvita_outbox_id_22f1891f_fk_notificat; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.programs_buyerinvitation
    ADD CONSTRAINT programs_buyerinvita_outbox_id_22f1891f_fk_notificat FOREIGN KEY (outbox_id) REFERENCES public.notifications_email(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: programs_buyerinvitation programs_buyerinvita_program_id_99c62472_fk_programs_; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.programs_buyerinvitation
    ADD CONSTRAINT programs_buyerinvita_program_id_99c62472_fk_programs_ FOREIGN KEY (program_id) REFERENCES public.programs_program(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: programs_buyerinvitation programs_buyerinvitation_user_id_0f10c73b_fk_accounts_user_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.programs_buyerinvitation
    ADD CONSTRAINT programs_buyerinvitation_user_id_0f10c73b_fk_accounts_user_id FOREIGN KEY (user_id) REFERENCES public.accounts_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: programs_joinrequest programs_joinrequest_decided_by_id_074e3f9e_fk_accounts_user_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.programs_joinrequest
    ADD CONSTRAINT programs_joinrequest_decided_by_id_074e3f9e_fk_accounts_user_id FOREIGN KEY (decided_by_id) REFERENCES public.accounts_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: programs_joinrequest programs_joinrequest_invitation_id_9f878f74_fk_programs_; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.programs_joinrequest
    ADD CONSTRAINT programs_joinrequest_invitation_id_9f878f74_fk_programs_ FOREIGN KEY (invitation_id) REFERENCES public.programs_buyerinvitation(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: programs_joinrequest programs_joinrequest_user_id_8634cd4b_fk_accounts_user_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.programs_joinrequest
    ADD CONSTRAINT programs_joinrequest_user_id_8634cd4b_fk_accounts_user_id FOREIGN KEY (user_id) REFERENCES public.accounts_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: programs_programbuyer programs_programbuye_program_id_ee61a908_fk_programs_; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.programs_programbuyer
    ADD CONSTRAINT programs_programbuye_program_id_ee61a908_fk_programs_ FOREIGN KEY (program_id) REFERENCES public.programs_program(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: programs_programbuyer programs_programbuyer_user_id_eee10d33_fk_accounts_user_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.programs_programbuyer
    ADD CONSTRAINT programs_programbuyer_user_id_eee10d33_fk_accounts_user_id FOREIGN KEY (user_id) REFERENCES public.accounts_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- PostgreSQL database dump complete
--


INSERT INTO public.django_migrations VALUES (1, 'contenttypes', '0001_initial', '2026-12-02 04:25:54.167437+00');
INSERT INTO public.django_migrations VALUES (2, 'contenttypes', '0002_remove_content_type_name', '2026-12-02 04:25:54.190186+00');
INSERT INTO public.django_migrations VALUES (3, 'auth', '0001_initial', '2026-12-02 04:25:54.268535+00');
INSERT INTO public.django_migrations VALUES (4, 'auth', '0002_alter_permission_name_max_length', '2026-12-02 04:25:54.282832+00');
INSERT INTO public.django_migrations VALUES (5, 'auth', '0003_alter_user_email_max_length', '2026-12-02 04:25:54.293114+00');
INSERT INTO public.django_migrations VALUES (6, 'auth', '0004_alter_user_username_opts', '2026-12-02 04:25:54.310919+00');
INSERT INTO public.django_migrations VALUES (7, 'auth', '0005_alter_user_last_login_null', '2026-12-02 04:25:54.329327+00');
INSERT INTO public.django_migrations VALUES (8, 'auth', '0006_require_contenttypes_0002', '2026-12-02 04:25:54.33831+00');
INSERT INTO public.django_migrations VALUES (9, 'auth', '0007_alter_validators_add_error_messages', '2026-12-02 04:25:54.347555+00');
INSERT INTO public.django_migrations VALUES (10, 'auth', '0008_alter_user_username_max_length', '2026-12-02 04:25:54.378296+00');
INSERT INTO public.django_migrations VALUES (11, 'auth', '0009_alter_user_last_name_max_length', '2026-12-02 04:25:54.395907+00');
INSERT INTO public.django_migrations VALUES (12, 'auth', '0010_alter_group_name_max_length', '2026-12-02 04:25:54.420188+00');
INSERT INTO public.django_migrations VALUES (13, 'auth', '0011_update_proxy_permissions', '2026-12-02 04:25:54.44256+00');
INSERT INTO public.django_migrations VALUES (14, 'auth', '0012_alter_user_first_name_max_length', '2026-12-02 04:25:54.462671+00');
INSERT INTO public.django_migrations VALUES (15, 'accounts', '0001_initial', '2026-12-02 04:25:54.566177+00');
INSERT INTO public.django_migrations VALUES (16, 'account', '0001_initial', '2026-12-02 04:25:54.630037+00');
INSERT INTO public.django_migrations VALUES (17, 'account', '0002_email_max_length', '2026-12-02 04:25:54.651534+00');
INSERT INTO public.django_migrations VALUES (18, 'account', '0003_alter_emailaddress_create_unique_verified_email', '2026-12-02 04:25:54.713812+00');
INSERT INTO public.django_migrations VALUES (19, 'account', '0004_alter_emailaddress_drop_unique_email', '2026-12-02 04:25:54.76128+00');
INSERT INTO public.django_migrations VALUES (20, 'account', '0005_emailaddress_idx_upper_email', '2026-12-02 04:25:54.790153+00');
INSERT INTO public.django_migrations VALUES (21, 'account', '0006_emailaddress_lower', '2026-12-02 04:25:54.821758+00');
INSERT INTO public.django_migrations VALUES (22, 'account', '0007_emailaddress_idx_email', '2026-12-02 04:25:54.862305+00');
INSERT INTO public.django_migrations VALUES (23, 'account', '0008_emailaddress_unique_primary_email_fixup', '2026-12-02 04:25:54.889342+00');
INSERT INTO public.django_migrations VALUES (24, 'account', '0009_emailaddress_unique_primary_email', '2026-12-02 04:25:54.914169+00');
INSERT INTO public.django_migrations VALUES (25, 'mfa', '0001_initial', '2026-12-02 04:25:54.958034+00');
INSERT INTO public.django_migrations VALUES (26, 'mfa', '0002_authenticator_timestamps', '2026-12-02 04:25:54.999023+00');
INSERT INTO public.django_migrations VALUES (27, 'mfa', '0003_authenticator_type_uniq', '2026-12-02 04:25:55.070116+00');
INSERT INTO public.django_migrations VALUES (28, 'accounts', '0002_staff_enrolment', '2026-12-02 04:25:55.142118+00');
INSERT INTO public.django_migrations VALUES (29, 'accounts', '0003_encrypt_authenticator_secrets', '2026-12-02 04:25:55.168507+00');
INSERT INTO public.django_migrations VALUES (30, 'admin', '0001_initial', '2026-12-02 04:25:55.230055+00');
INSERT INTO public.django_migrations VALUES (31, 'admin', '0002_logentry_remove_auto_add', '2026-12-02 04:25:55.256688+00');
INSERT INTO public.django_migrations VALUES (32, 'admin', '0003_logentry_add_action_flag_choices', '2026-12-02 04:25:55.284047+00');
INSERT INTO public.django_migrations VALUES (33, 'artisans', '0001_initial', '2026-12-02 04:25:55.366128+00');
INSERT INTO public.django_migrations VALUES (34, 'catalog', '0001_initial', '2026-12-02 04:25:55.598215+00');
INSERT INTO public.django_migrations VALUES (35, 'artisans', '0002_initial', '2026-12-02 04:25:55.906088+00');
INSERT INTO public.django_migrations VALUES (36, 'artisans', '0003_logo_thumb', '2026-12-02 04:25:55.955231+00');
INSERT INTO public.django_migrations VALUES (37, 'catalog', '0002_crafts', '2026-12-02 04:25:56.008241+00');
INSERT INTO public.django_migrations VALUES (38, 'buyers', '0001_initial', '2026-12-02 04:25:56.150207+00');
INSERT INTO public.django_migrations VALUES (39, 'buyers', '0002_shortlist', '2026-12-02 04:25:56.318084+00');
INSERT INTO public.django_migrations VALUES (40, 'buyers', '0003_buyerprofile_verified_by', '2026-12-02 04:25:56.414712+00');
INSERT INTO public.django_migrations VALUES (41, 'catalog', '0003_catalog_indexes', '2026-12-02 04:25:56.452335+00');
INSERT INTO public.django_migrations VALUES (42, 'catalog', '0004_catalog_changes', '2026-12-02 04:25:56.487478+00');
INSERT INTO public.django_migrations VALUES (43, 'catalog', '0005_index_cover', '2026-12-02 04:25:56.501993+00');
INSERT INTO public.django_migrations VALUES (44, 'catalog', '0006_change_log_without_lock', '2026-12-02 04:25:56.527214+00');
INSERT INTO public.django_migrations VALUES (45, 'catalog', '0007_derived_data', '2026-12-02 04:25:56.862857+00');
INSERT INTO public.django_migrations VALUES (46, 'notifications', '0001_initial', '2026-12-02 04:25:56.930051+00');
INSERT INTO public.django_migrations VALUES (47, 'programs', '0001_initial', '2026-12-02 04:25:57.604172+00');
INSERT INTO public.django_migrations VALUES (48, 'programs', '0002_catalog_pdf', '2026-12-02 04:25:57.680956+00');
INSERT INTO public.django_migrations VALUES (49, 'meetings', '0001_initial', '2026-12-02 04:26:00.516253+00');
INSERT INTO public.django_migrations VALUES (50, 'meetings', '0002_meeting_program', '2026-12-02 04:26:00.677966+00');
INSERT INTO public.django_migrations VALUES (51, 'matchmaking', '0001_initial', '2026-12-02 04:26:01.172986+00');
INSERT INTO public.django_migrations VALUES (52, 'matchmaking', '0002_interpreter_session_scheduleplan_and_more', '2026-12-02 04:26:02.4784+00');
INSERT INTO public.django_migrations VALUES (53, 'programs', '0003_public_catalog', '2026-12-02 04:26:02.539385+00');
INSERT INTO public.django_migrations VALUES (54, 'meetings', '0003_calendar_mail_owed', '2026-12-02 04:26:03.823942+00');
INSERT INTO public.django_migrations VALUES (55, 'notifications', '0002_encrypt_bodies', '2026-12-02 04:26:04.047602+00');
INSERT INTO public.django_migrations VALUES (56, 'notifications', '0003_email_language', '2026-12-02 04:26:04.077513+00');
INSERT INTO public.django_migrations VALUES (57, 'privacy', '0001_initial', '2026-12-02 04:26:04.110555+00');
INSERT INTO public.django_migrations VALUES (58, 'programs', '0004_join_request', '2026-12-02 04:26:04.386068+00');
INSERT INTO public.django_migrations VALUES (59, 'programs', '0005_encrypt_tokens', '2026-12-02 04:26:04.801496+00');
INSERT INTO public.django_migrations VALUES (60, 'programs', '0006_application_decided_by', '2026-12-02 04:26:05.018078+00');
INSERT INTO public.django_migrations VALUES (61, 'programs', '0007_invitation_language', '2026-12-02 04:26:05.309657+00');
INSERT INTO public.django_migrations VALUES (62, 'sessions', '0001_initial', '2026-12-02 04:26:05.370087+00');
SELECT pg_catalog.setval('public.django_migrations_id_seq', 62, true);
